package org.samsde.testkit;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** Runs a contract's {@link Test} methods as dynamic tests, for a test over many implementations (package-private). */
final class Contracts {
    private Contracts() {
    }

    /**
     * @param contract a contract instance
     * @param label names the implementation in the test names
     * @return one dynamic test per {@code @Test} method of the contract, by name
     */
    static Stream<DynamicTest> dynamicTests(Object contract, String label) {
        return Arrays.stream(contract.getClass().getMethods()).filter(m -> m.isAnnotationPresent(Test.class))
                .sorted(Comparator.comparing(Method::getName))
                .map(m -> DynamicTest.dynamicTest(label + ": " + m.getName(), () -> invoke(m, contract)));
    }

    private static void invoke(Method m, Object contract) throws Throwable {
        try {
            m.invoke(contract);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
