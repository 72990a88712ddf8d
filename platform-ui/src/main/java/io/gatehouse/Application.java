package io.gatehouse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class Application {
    /** The system property Netty reads its buffer leak detection level from (when its detector class loads). */
    static final String NETTY_LEAK_DETECTION = "io.netty.leakDetection.level";

    public static void main(String[] args) {
        // Netty's leak detector samples one buffer in 128 and records a stack trace for each: a debugging aid that
        // measured 1-2 % of the gateway's CPU. Off in the server unless asked for; tests run with it on.
        if (System.getProperty(NETTY_LEAK_DETECTION) == null) {
            System.setProperty(NETTY_LEAK_DETECTION, "disabled");
        }
        SpringApplication.run(Application.class, args);
    }
}
