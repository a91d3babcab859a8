package com.example.bank.security;

/**
 * The roles a token can grant, read from its {@code groups} claim (or Keycloak's {@code realm_access.roles},
 * see {@link KeycloakRealmRoles}).
 * <ul>
 * <li>{@code customer}: opens empty accounts for itself, moves money out of the accounts it owns, reads
 * only its own accounts, their history and the transfers it is party to;</li>
 * <li>{@code teller}: opens accounts for any owner, with an opening deposit, deposits into any account, and
 * reads every account and transfer. A teller moves no customer's money.</li>
 * </ul>
 */
public final class Roles {

    public static final String CUSTOMER = "customer";
    public static final String TELLER = "teller";

    private Roles() {
    }
}
