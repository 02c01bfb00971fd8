package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;

@Description("EQ, NE, LT, LE, GT, GE take one value, IN one or more, IS_NULL none.")
public enum PredicateOperator {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    IN,
    IS_NULL
}
