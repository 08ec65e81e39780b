package io.smsbridge.flow.jobs;

import java.util.List;

/** Jobs a step made that now go to their queue (the hand-off routes split {@code ${body.jobs}}). */
public record HandOff(List<?> jobs) {
}
