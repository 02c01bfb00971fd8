package coop.cpc.lakehouse.application;

/** Input that breaks a rule; the message names the field and the rule. */
public class InvalidInputException extends LakehouseException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
