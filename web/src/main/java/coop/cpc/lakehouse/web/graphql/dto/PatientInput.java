package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("PatientInput")
@Description("One patient's demographics and contact data; birthDate yyyy-mm-dd.")
public record PatientInput(
        @NonNull String userId,
        String givenName,
        String familyName,
        String birthDate,
        String zip,
        String sex,
        String phone,
        String email) {}
