package io.smsbridge.edge.http;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.impl.VertxInternal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * A Vert.x instance whose HTTP servers are handed to a hook as they are created, before they listen.
 * Vert.x reads a server's invalid-request and connection handlers once, when it starts listening,
 * and Camel's platform-http server creates and starts its server in one step: bound in the registry,
 * this instance is the one Camel builds its server from, so the hook runs in between.
 */
public final class HookedVertx {

    private HookedVertx() {
    }

    public static Vertx wrap(Vertx real, Consumer<HttpServer> onCreate) {
        // VertxInternal too: parts of Vert.x cast the instance they are given
        return (Vertx) Proxy.newProxyInstance(HookedVertx.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof HttpServer server && method.getName().equals("createHttpServer")) {
                        onCreate.accept(server);
                    }
                    return result;
                });
    }
}
