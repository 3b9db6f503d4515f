package io.entityflow.lsp.features;

/** "1 block", "3 remote calls": the counts hover and code lens show, in one spelling. */
final class Counts {
    private Counts() {
    }

    static String blocks(long n) {
        return n + (n == 1 ? " block" : " blocks");
    }

    static String remoteCalls(long n) {
        return n + (n == 1 ? " remote call" : " remote calls");
    }
}
