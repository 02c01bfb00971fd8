package coop.cpc.lakehouse.ingest.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit, cancelling the exchange as soon as the declared
 * Content-Length or the bytes received pass it, so an endless body never fills memory.
 */
final class LimitedBodySubscriber implements BodySubscriber<byte[]> {

    private final long limit;
    private final long declaredLength;
    private final int status;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long received;

    /** @param declaredLength Content-Length, or -1 when absent */
    LimitedBodySubscriber(long limit, long declaredLength, int status) {
        this.limit = limit;
        this.declaredLength = declaredLength;
        this.status = status;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredLength > limit) {
            fail();
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            received += item.remaining();
            if (received > limit) {
                fail();
                return;
            }
            byte[] chunk = new byte[item.remaining()];
            item.get(chunk);
            bytes.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable t) {
        body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    private void fail() {
        subscription.cancel();
        body.completeExceptionally(new ResponseTooLargeException(status, limit));
    }
}
