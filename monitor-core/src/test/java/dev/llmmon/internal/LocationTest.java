package dev.llmmon.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocationTest {
    @Test
    void classpathLocationsNameResourcesAndPackages() {
        Location l = Location.parse(" classpath:/com/acme/probes ");
        assertThat(l.onClasspath()).isTrue();
        assertThat(l.resourceName()).isEqualTo("com/acme/probes");
        assertThat(l.packageName()).isEqualTo("com.acme.probes");
        assertThat(Location.parse("classpath:x/y.yaml").resourceName()).isEqualTo("x/y.yaml");
    }

    @Test
    void anythingElseIsAPath() {
        assertThat(Location.isClasspath("src/test/probes")).isFalse();
        assertThat(Location.isClasspath(null)).isFalse();
        assertThatThrownBy(() -> Location.parse("a/b").resourceName()).isInstanceOf(IllegalStateException.class);
    }
}
