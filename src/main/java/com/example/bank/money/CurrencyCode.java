package com.example.bank.money;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An active ISO 4217 currency code, in upper case ({@code USD}, {@code EUR}): one the JDK knows, minus what
 * is no money an account can hold (precious metals, bond units, SDRs, {@code XTS} for testing, {@code XXX}
 * for "no currency": the codes without minor units) and the withdrawn codes the JDK keeps for old data
 * ({@code DEM}, {@code FRF}, …).
 */
@Documented
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT })
@Constraint(validatedBy = CurrencyCode.Validator.class)
public @interface CurrencyCode {

    String message() default "must be an ISO 4217 currency code such as USD";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<CurrencyCode, String> {

        /**
         * Withdrawn from ISO 4217 (list A.3), still listed by the JDK; the last row, withdrawn since 2021, is kept
         * by current JDKs beside their successors (ANG by XCG, BGN by EUR, CUC by CUP, SLL by SLE, ZWL by ZWG).
         * Check this list against ISO's amendments when you upgrade the JDK.
         */
        private static final Set<String> WITHDRAWN = Set.of("ADP", "AFA", "ATS", "AYM", "AZM", "BEF", "BGL", "BYB",
                "BYR", "CSD", "CYP", "DEM", "EEK", "ESP", "FIM", "FRF", "GHC", "GRD", "GWP", "HRK", "IEP", "ITL",
                "LTL", "LUF", "LVL", "MGF", "MRO", "MTL", "MZM", "NLG", "PTE", "ROL", "RUR", "SDD", "SIT", "SKK",
                "SRG", "STD", "TMM", "TPE", "TRL", "USS", "VEB", "VEF", "YUM", "ZMK", "ZWD", "ZWN", "ZWR",
                "ANG", "BGN", "CUC", "SLL", "ZWL");

        private static final Set<String> CODES = Currency.getAvailableCurrencies().stream()
                .filter(currency -> currency.getDefaultFractionDigits() >= 0)
                .map(Currency::getCurrencyCode)
                .filter(code -> !WITHDRAWN.contains(code))
                .collect(Collectors.toUnmodifiableSet());

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CODES.contains(value);
        }
    }
}
