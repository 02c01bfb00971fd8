package coop.cpc.lakehouse.application.adapter;

/** One patient's demographics and contact data; birthDate as {@code yyyy-mm-dd}. */
public record Patient(
        String userId,
        String givenName,
        String familyName,
        String birthDate,
        String zip,
        String sex,
        String phone,
        String email) {}
