package org.bandura.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code java -jar bandura.jar}: starts whatever the configuration asks for, the console when nothing else. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Replies are UTF-8 whatever the locale: under LANG=C the default would print "Café 😀" as "Caf? ?".
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        Launcher launcher = new Launcher(System.getenv(), System.in, out, err);
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "bandura-shutdown"));
        int status = launcher.run(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
