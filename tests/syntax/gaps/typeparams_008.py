type A[*Ts = *tuple[int], **P = [int]] = T
