package dev.offpay.core;

/** A reason an order reference cannot be confirmed yet (rendered as Constraint/ConstraintID). */
public record Constraint(String id, String description) {
    public static final Constraint AMOUNT_NOT_SET = new Constraint("AmountNotSet",
            "The seller has not set the amount for the Order Reference.");
    public static final Constraint SHIPPING_ADDRESS_NOT_SET = new Constraint("ShippingAddressNotSet",
            "The buyer has not selected a Shipping address from the Amazon AddressBook widget.");
    public static final Constraint PAYMENT_PLAN_NOT_SET = new Constraint("PaymentPlanNotSet",
            "The buyer has not been able to select a Payment method for the given Order Reference.");
    public static final Constraint PAYMENT_METHOD_NOT_ALLOWED = new Constraint("PaymentMethodNotAllowed",
            "The Payment method selected by the buyer is not allowed for this Order Reference.");
}
