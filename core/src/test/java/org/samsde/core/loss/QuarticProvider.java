package org.samsde.core.loss;

import org.samsde.core.data.Dataset;

/** A user loss registered for ServiceLoader in the test resources: f(x) = ¼Σ x_q⁴ + c·Σ x_q, no data. */
public final class QuarticProvider implements LossProvider {
    @Override
    public String name() {
        return "test-quartic";
    }

    @Override
    public boolean needsData() {
        return false;
    }

    @Override
    public JetModel define(String argument, Dataset data) {
        String[] parts = argument == null ? new String[] {"3"} : argument.split(",");
        int d = Integer.parseInt(parts[0]);
        double c = parts.length > 1 ? Double.parseDouble(parts[1]) : 0.0;
        if (d < 1) {
            throw new IllegalArgumentException("dimension " + d + " must be positive");
        }
        return new JetModel(d, (theta, s) -> theta.all().pow(4).sum().times(0.25).plus(theta.all().sum().times(c)),
                seed -> new double[d]);
    }
}
