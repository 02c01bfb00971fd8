package coop.cpc.lakehouse.application.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A fake of an interface of which the code under test calls only a few methods: a call runs the method of the
 * same name and parameter types that the fake's answers declare (or inherit, short of {@link Object}); any other
 * throws {@link UnsupportedOperationException} naming the method, so a test fails loudly when the code under test
 * starts to call something the fake does not answer. {@code equals}, {@code hashCode} and {@code toString} answer
 * as an object's own (identity), so a fake can be printed in an assertion message or kept in a set.
 */
public final class PartialFake {
    private PartialFake() {}

    /** An implementation of {@code type} whose calls {@code answers} handles. */
    public static <T> T of(Class<T> type, Object answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return asAnObject(type, proxy, method, args);
            }
            Method answer = answerTo(answers.getClass(), method);
            try {
                return answer.invoke(answers, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }

    /** equals, hashCode and toString as an object's own: identity, and the faked type's name. */
    private static Object asAnObject(Class<?> type, Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "PartialFake(" + type.getSimpleName() + ")";
        };
    }

    private static Method answerTo(Class<?> answers, Method method) {
        for (Class<?> c = answers; c != Object.class; c = c.getSuperclass()) {
            try {
                Method answer = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                answer.setAccessible(true);
                return answer;
            } catch (NoSuchMethodException e) {
                // not declared here: look in the superclass
            }
        }
        throw new UnsupportedOperationException(method.getName());
    }
}
