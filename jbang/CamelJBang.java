/**
 * The `camel` command of Camel JBang: what the jbang launcher's CamelJBang script runs.
 * jbang/camel starts it with camel-jbang-core on the class path.
 */
public class CamelJBang {
    public static void main(String... args) {
        org.apache.camel.dsl.jbang.core.commands.CamelJBangMain.run(args);
    }
}
