package io.smsbridge.boot;

import io.smsbridge.carrier.CarrierSettings;
import io.smsbridge.core.time.Durations;
import org.apache.camel.spi.PropertiesComponent;

import java.time.Duration;
import java.util.Optional;

/**
 * The bridge's settings as Camel resolved them. Every default is in application.properties, so a
 * key that is not there is an error naming it, never a value guessed here.
 */
final class Settings implements CarrierSettings {

    private final PropertiesComponent props;

    Settings(PropertiesComponent props) {
        this.props = props;
    }

    @Override
    public Optional<String> find(String key) {
        return props.resolveProperty(key).map(String::trim);
    }

    /** The value as set, possibly empty ({@code db.password =}). */
    String string(String key) {
        return find(key).orElseThrow(() -> new IllegalStateException("setting " + key
                + " is missing: application.properties holds every setting with its default; restore the line"));
    }

    int integer(String key) {
        String v = require(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("setting " + key + " = " + v + " is not a whole number", e);
        }
    }

    Duration duration(String key) {
        String v = require(key);
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("setting " + key + " = " + v + " is not a duration such as 500ms, 10s"
                    + " or 2m", e);
        }
    }
}
