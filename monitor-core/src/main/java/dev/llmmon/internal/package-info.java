/**
 * Implementation types shared by llmmon's modules and not meant for users: the {@code classpath:} location parser
 * here, HTTP plumbing and JSON in the sub-packages.
 */
package dev.llmmon.internal;
