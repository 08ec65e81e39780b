package io.smsbridge.core.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumbersTest {

    @ParameterizedTest(name = "user typed {0} in {1} -> {2}")
    @CsvSource({
            "'+1 917 905 6077', US, +19179056077",
            "19179056077,       US, +19179056077",
            "9179056077,        US, +19179056077",
            "'(917) 905-6077',  US, +19179056077",
            "917.905.6077,      US, +19179056077",
            "'+1 555 123 0000', US, +15551230000",   // fictional range: possible, not valid
            "37041654321,       US, +37041654321",   // Lithuanian written without '+'
            "'+44 7911 123456', US, +447911123456",
            "07911123456,       GB, +447911123456",
            "%2B37041654321,    US, +37041654321",
    })
    void recipientsAreNormalisedToE164(String raw, String region, String e164) {
        Address a = PhoneNumbers.parseRecipient(raw, region);
        assertThat(a.kind()).isEqualTo(Address.Kind.PHONE);
        assertThat(a.value()).isEqualTo(e164);
    }

    @ParameterizedTest(name = "carrier sent {0} (region {1}) -> {2} {3}")
    @CsvSource({
            "37041654321,   US, PHONE,        +37041654321",
            "+37041654321,  US, PHONE,        +37041654321",
            "19179056077,   US, PHONE,        +19179056077",
            "9179056077,    US, PHONE,        +19179056077",
            "447911123456,  US, PHONE,        +447911123456",
            "72345,         US, SHORT_CODE,   72345",
            "ACME,          US, ALPHANUMERIC, ACME",
            "'Bank Co',     US, ALPHANUMERIC, 'Bank Co'",
    })
    void sendersKeepShortCodesAndAlphanumericIds(String raw, String region, Address.Kind kind, String value) {
        Address a = PhoneNumbers.parseSender(raw, region);
        assertThat(a.kind()).isEqualTo(kind);
        assertThat(a.value()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"ACME", "'  '", "12345678901234567890", "'+1 23'", "'call me'", "+999123456789"})
    void unusableRecipientsAreRefusedNotGuessed(String raw) {
        assertThatThrownBy(() -> PhoneNumbers.parseRecipient(raw, "US")).isInstanceOf(InvalidNumberException.class);
    }

    @Test
    void alphanumericRecipientSaysRepliesCannotBeDelivered() {
        assertThatThrownBy(() -> PhoneNumbers.parseRecipient("ACME", "US"))
                .hasMessageContaining("alphanumeric sender ID");
    }

    @ParameterizedTest(name = "{0} as {1} -> {2}")
    @CsvSource({
            "+19179056077,  E164,         +19179056077",
            "+19179056077,  E164_NO_PLUS, 19179056077",
            "+19179056077,  NATIONAL,     9179056077",
            "+447911123456, NATIONAL,     07911123456",
    })
    void formatsForThePlatform(String e164, NumberFormat format, String shown) {
        assertThat(PhoneNumbers.format(new Address(Address.Kind.PHONE, e164), format)).isEqualTo(shown);
    }

    @Test
    void nonPhoneAddressesAreShownVerbatim() {
        assertThat(PhoneNumbers.format(new Address(Address.Kind.ALPHANUMERIC, "ACME"), NumberFormat.NATIONAL))
                .isEqualTo("ACME");
    }

    @Test
    void carrierFormatIsDigitsWithoutPlus() {
        assertThat(PhoneNumbers.digitsOnly("+37041654321")).isEqualTo("37041654321");
    }

    @Test
    void directoryNumbersMustBeE164() {
        assertThat(PhoneNumbers.requireE164("+1 917 905 6077")).isEqualTo("+19179056077");
        assertThatThrownBy(() -> PhoneNumbers.requireE164("9179056077")).hasMessageContaining("E.164");
    }

    @Test
    void platformFormatNamesAreTheConfigNames() {
        assertThat(NumberFormat.fromConfig("e164-no-plus")).isEqualTo(NumberFormat.E164_NO_PLUS);
        assertThat(NumberFormat.fromConfig(null)).isEqualTo(NumberFormat.E164);
        assertThatThrownBy(() -> NumberFormat.fromConfig("intl")).hasMessageContaining("e164, national");
    }
}
