package org.bandura.launcher;

/** {@code java -jar bandura.jar}: starts whatever the configuration asks for, the console when nothing else. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Launcher launcher = new Launcher(System.getenv(), System.in, System.out, System.err);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "bandura-shutdown"));
        int status = launcher.run(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
