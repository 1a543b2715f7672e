/**
 * The core of samsde: tensors and backends, Taylor-mode derivatives, objectives and models,
 * data sets and NumPy file formats. It knows nothing of SDEs, CUDA or plotting.
 */
package org.samsde.core;
