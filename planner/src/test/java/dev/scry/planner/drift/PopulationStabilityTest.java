package dev.scry.planner.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The population stability index on bins worked by hand. */
class PopulationStabilityTest {
  @Test
  void theSameSharesGiveZeroWhateverTheCounts() {
    assertEquals(
        0.0, PopulationStability.index(List.of(10L, 30L, 60L), List.of(1L, 3L, 6L)), 1e-12);
  }

  @Test
  void aShiftFollowsTheFormula() {
    // p = (0.5, 0.5), q = (0.9, 0.1): (0.4 ln 1.8) + (-0.4 ln 0.2)
    double expected = 0.4 * Math.log(1.8) - 0.4 * Math.log(0.2);
    assertEquals(expected, PopulationStability.index(List.of(5L, 5L), List.of(9L, 1L)), 1e-12);
    assertTrue(expected > 0.2);
  }

  @Test
  void anEmptyBinCountsAsTheFloorAndNoRowsGiveNaN() {
    double psi = PopulationStability.index(List.of(10L, 0L), List.of(5L, 5L));
    double floor = PopulationStability.FLOOR;
    assertEquals((0.5 - 1) * Math.log(0.5) + (0.5 - floor) * Math.log(0.5 / floor), psi, 1e-12);
    assertTrue(Double.isNaN(PopulationStability.index(List.of(0L, 0L), List.of(5L, 5L))));
  }
}
