package com.example.bank.transfer;

import java.util.UUID;

import com.example.bank.problem.ApiException;
import com.example.bank.problem.ProblemType;

public class TransferNotFoundException extends ApiException {
    public TransferNotFoundException(UUID transferId) {
        super(ProblemType.TRANSFER_NOT_FOUND, "No transfer has id " + transferId + ".");
    }
}
