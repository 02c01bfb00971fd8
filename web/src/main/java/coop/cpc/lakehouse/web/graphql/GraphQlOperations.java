package coop.cpc.lakehouse.web.graphql;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

/** The GraphQL operation a method of a GraphQL API class serves: a query, a mutation, or a field resolved with {@code @Source}. */
final class GraphQlOperations {
    private GraphQlOperations() {}

    /** @return the operation's name in the schema, or null when the method serves none */
    static String nameOf(Method method) {
        Query query = method.getAnnotation(Query.class);
        if (query != null) {
            return query.value().isEmpty() ? method.getName() : query.value();
        }
        Mutation mutation = method.getAnnotation(Mutation.class);
        if (mutation != null) {
            return mutation.value().isEmpty() ? method.getName() : mutation.value();
        }
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(Source.class)) {
                Name name = method.getAnnotation(Name.class);
                return name == null || name.value().isEmpty() ? method.getName() : name.value();
            }
        }
        return null;
    }
}
