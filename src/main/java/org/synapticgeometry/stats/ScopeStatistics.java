package org.synapticgeometry.stats;

/**
 * The statistics of one dual change Δ in one scope (pooled, standardized or one layer). NaN marks
 * a statistic that was not computed or is undefined (fewer than two finite changes, zero spread).
 *
 * @param n finite changes scored
 * @param excluded weights whose dual value or change was not finite (e.g. zeros under negative entropy)
 * @param deltaCdf exact ΔCDF of Δ/std (uncentred, the paper's score)
 * @param deltaCdfCentered exact ΔCDF of (Δ − mean)/std
 * @param deltaCdfGrid the paper's grid ΔCDF of Δ/std
 * @param deltaCdfGridCentered the grid ΔCDF of (Δ − mean)/std
 * @param magnitude ‖Δ‖₂ / ‖∇ψ(w₀)‖₂
 * @param ks Kolmogorov–Smirnov distance of Δ/std to the standard normal
 * @param andersonDarling Anderson–Darling A² of (Δ − mean)/std (scipy's {@code anderson} statistic)
 * @param skewness bias-corrected sample skewness (Commons Math)
 * @param excessKurtosis bias-corrected excess kurtosis (Commons Math)
 * @param floor 1.2/√n, the uncentred ΔCDF expected of n truly Gaussian values
 * @param mean mean of Δ
 * @param std standard deviation of Δ (n − 1 denominator)
 */
public record ScopeStatistics(long n, long excluded, double deltaCdf, double deltaCdfCentered, double deltaCdfGrid,
        double deltaCdfGridCentered, double magnitude, double ks, double andersonDarling, double skewness,
        double excessKurtosis, double floor, double mean, double std) {
}
