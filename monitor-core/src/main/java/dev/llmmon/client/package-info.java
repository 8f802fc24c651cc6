/**
 * Calling a model: an {@link dev.llmmon.client.Endpoint} says which API, where, which model, which key and how hard;
 * {@link dev.llmmon.client.ModelClient#create(Endpoint)} gives a client of it (OpenAI Chat Completions and
 * compatible servers, Azure OpenAI, Anthropic Messages) that bounds concurrency and rate, retries and never prints
 * the key.
 */
package dev.llmmon.client;
