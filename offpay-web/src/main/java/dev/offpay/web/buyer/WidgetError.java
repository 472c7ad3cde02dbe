package dev.offpay.web.buyer;

/**
 * The error codes of the Button, AddressBook and Wallet widgets (Integration Guide, "Handling errors
 * from … widgets"): what the merchant's onError receives, and the message the buyer sees in the widget.
 */
public enum WidgetError {
    AddressBookWidgetNotApplicable(
            "The Amazon AddressBook widget cannot be used because the useAmazonAddressBook parameter was set to false for this order reference.",
            Messages.CONTACT_SELLER),
    AddressNotModifiable("You cannot modify the shipping address when the order reference is in the given state.",
            "You cannot change the shipping address for this order. Please contact the seller for assistance."),
    BuyerNotAssociated("The buyer is not associated with the given order reference. The buyer must sign in before you render the widget.",
            "This session is not valid. Please re-start the checkout process by clicking the Pay with Amazon button."),
    InvalidAccountStatus("Your seller account is not in an appropriate state to execute this request.", Messages.CONTACT_SELLER_FOR_ASSISTANCE),
    InvalidOrderReferenceId("The specified order reference identifier is invalid.", Messages.CONTACT_SELLER),
    InvalidParameterValue("The value assigned to the specified parameter is not valid.", Messages.CONTACT_SELLER_FOR_ASSISTANCE),
    InvalidSellerId("The seller identifier that you have provided is invalid. Specify a valid SellerId.", Messages.CONTACT_SELLER_FOR_ASSISTANCE),
    MissingParameter("The specified parameter is missing and must be provided.", Messages.CONTACT_SELLER_FOR_ASSISTANCE),
    PaymentMethodNotModifiable("You cannot modify the payment method when the order reference is in the given state.",
            "You cannot change the payment method for this order. Please contact the seller for assistance."),
    ReleaseEnvironmentMismatch("You have attempted to render a widget in a release environment that does not match the release "
            + "environment of the Order Reference object. The release environment of the widget and the Order Reference object must match.",
            "We're sorry, but there's a problem processing your payment from this website. Please contact seller for assistance."),
    StaleOrderReference("The specified order reference was not confirmed in the allowed time and is now canceled. You cannot "
            + "associate a payment method and an address with a canceled order reference.",
            "Your session has expired. Please sign in again by clicking on the Pay with Amazon button."),
    UnknownError("There was an unknown error in the service.", Messages.CONTACT_SELLER);

    private static final class Messages {
        static final String CONTACT_SELLER = "We're sorry, but there's a problem processing your payment from this web site. Please contact the seller.";
        static final String CONTACT_SELLER_FOR_ASSISTANCE =
                "We're sorry, but there's a problem processing your payment from this web site. Please contact seller for assistance.";
    }

    private final String description;
    private final String buyerMessage;

    WidgetError(String description, String buyerMessage) {
        this.description = description;
        this.buyerMessage = buyerMessage;
    }

    /** What the merchant's onError handler gets from getErrorMessage() (before any detail). */
    public String description() {
        return description;
    }

    /** What the buyer reads in the widget. */
    public String buyerMessage() {
        return buyerMessage;
    }

    /** An error to answer with, carrying the specifics of this case. */
    public Failure with(String detail) {
        return new Failure(this, detail == null ? description : description + " " + detail);
    }

    /** A widget error raised while serving a widget. */
    public static final class Failure extends RuntimeException {
        private final WidgetError error;

        Failure(WidgetError error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        public WidgetError error() {
            return error;
        }
    }
}
