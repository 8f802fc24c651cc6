/** Running one probe: repeats, pass rate with its Wilson interval, and the cassette that records or replays answers. */
package dev.llmmon.probes.run;
