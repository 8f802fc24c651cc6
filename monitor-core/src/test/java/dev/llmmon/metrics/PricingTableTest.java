package dev.llmmon.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingTableTest {
    @Test
    void versionedIdsMatchTheLongestPrefixAndProviderPrefixesAreIgnored() {
        PricingTable t = PricingTable.defaults();
        assertThat(t.priceOf("gpt-4o-mini-2024-07-18")).contains(new PricingTable.Price(0.15, 0.60));
        assertThat(t.priceOf("gpt-4o-2024-08-06")).contains(new PricingTable.Price(2.50, 10.00));
        assertThat(t.priceOf("openai/gpt-4o")).contains(new PricingTable.Price(2.50, 10.00));
        assertThat(t.priceOf("claude-sonnet-4-5-20250929")).contains(new PricingTable.Price(3.00, 15.00));
        assertThat(t.priceOf("my-finetune")).isEmpty();
        assertThat(t.priceOf("gpt-4oo")).isEmpty();
        assertThat(t.asOf()).isNotBlank();
    }

    @Test
    void userFileExtendsAndOverridesDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, "models:\n  my-finetune: {input: 1, output: 2}\n  gpt-4o: {input: 9, output: 9}\n");
        PricingTable t = PricingTable.defaultsWith(file);
        assertThat(t.priceOf("my-finetune")).contains(new PricingTable.Price(1, 2));
        assertThat(t.priceOf("gpt-4o-2024-08-06")).contains(new PricingTable.Price(9, 9));
        assertThat(t.priceOf("gpt-4o-mini")).contains(new PricingTable.Price(0.15, 0.60));
    }

    @Test
    void aBadPriceIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.yaml");
        Files.writeString(file, "models:\n  x: {input: -1, output: 2}\n");
        assertThatThrownBy(() -> PricingTable.defaultsWith(file))
                .hasMessageContaining("prices.yaml").hasMessageContaining("'x'");
    }
}
