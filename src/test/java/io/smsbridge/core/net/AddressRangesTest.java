package io.smsbridge.core.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressRangesTest {

    final AddressRanges ranges = AddressRanges.parse("203.0.113.0/24, 198.51.100.7, 2001:db8::/32, 10.0.0.0/9");

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.1", "203.0.113.255", "198.51.100.7", "2001:db8:1::5", "[2001:db8::1]",
            "10.127.255.255", "::ffff:203.0.113.9"})
    void inside(String address) {
        assertThat(ranges.contains(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.114.1", "198.51.100.8", "2001:db9::1", "10.128.0.0", "127.0.0.1", "", "unknown",
            "example.com", "300.1.1.1", "203.0.113"})
    void outside(String address) {
        assertThat(ranges.contains(address)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.0/33", "203.0.113.0/x", "example.com", "1.2.3", "2001:db8::/129", "256.1.1.1"})
    void refusesWhatIsNotARange(String list) {
        assertThatThrownBy(() -> AddressRanges.parse(list)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyMeansNone() {
        assertThat(AddressRanges.parse(" ").isEmpty()).isTrue();
        assertThat(AddressRanges.parse(null).contains("1.2.3.4")).isFalse();
    }
}
