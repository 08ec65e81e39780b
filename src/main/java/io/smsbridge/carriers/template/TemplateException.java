package io.smsbridge.carriers.template;

/** A provider template that cannot be used; the message names the file, the JSON path and the fault. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }
}
