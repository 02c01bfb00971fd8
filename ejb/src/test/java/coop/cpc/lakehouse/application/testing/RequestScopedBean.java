package coop.cpc.lakehouse.application.testing;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.Iterator;
import java.util.List;

/**
 * A request-scoped bean as the container hands it out through {@code Instance<T>}: the bean of the one current
 * request, or, for {@link #noRequest()}, {@link ContextNotActiveException} as outside a request.
 */
public record RequestScopedBean<T>(T bean) implements Instance<T> {

    /** No request is active (a batch job, a timer). */
    public static <T> RequestScopedBean<T> noRequest() {
        return new RequestScopedBean<>(null);
    }

    @Override
    public T get() {
        if (bean == null) {
            throw new ContextNotActiveException("no request is active");
        }
        return bean;
    }

    @Override
    public Instance<T> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    public <U extends T> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends T> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isUnsatisfied() {
        return false;
    }

    @Override
    public boolean isAmbiguous() {
        return false;
    }

    @Override
    public void destroy(T instance) {}

    @Override
    public Handle<T> getHandle() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<? extends Handle<T>> handles() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Iterator<T> iterator() {
        return List.of(get()).iterator();
    }
}
