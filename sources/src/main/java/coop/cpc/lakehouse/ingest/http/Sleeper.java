package coop.cpc.lakehouse.ingest.http;

import java.time.Duration;

/** Waits between retries; tests replace it to observe the waits without spending them. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
