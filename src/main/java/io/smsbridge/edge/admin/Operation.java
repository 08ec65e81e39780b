package io.smsbridge.edge.admin;

/** One admin API operation (a rest verb of 80-admin.camel.yaml, by its id). */
@FunctionalInterface
interface Operation {
    Answer run(AdminCall call);
}
