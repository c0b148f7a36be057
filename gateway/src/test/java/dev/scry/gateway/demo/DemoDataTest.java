package dev.scry.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  @Test
  void theSameCustomersOnEveryCall() {
    assertEquals(DemoData.customers(500), DemoData.customers(500));
    assertEquals(DemoData.customers(500).subList(0, 10), DemoData.customers(10));
  }

  @Test
  void valuesAreInPlausibleRanges() {
    List<DemoData.Customer> customers = DemoData.customers(5000);
    assertEquals(5000, customers.size());
    assertEquals(1L, customers.get(0).customerId());
    assertEquals(5000L, customers.get(4999).customerId());
    for (DemoData.Customer c : customers) {
      assertTrue(c.tenureMonths() >= 1 && c.tenureMonths() <= 72, c.toString());
      assertTrue(c.monthlyCharges() >= 20 && c.monthlyCharges() <= 120, c.toString());
      assertTrue(c.supportCalls() >= 0 && c.supportCalls() <= 10, c.toString());
      assertTrue(List.of("north", "south", "east", "west").contains(c.region()), c.toString());
    }
    assertEquals(4, customers.stream().map(DemoData.Customer::region).distinct().count());
    assertEquals(DemoData.COLUMNS.size(), customers.get(0).values().length);
  }

  @Test
  void theModelLabelsAboutThirtyPercentAsChurning() {
    List<DemoData.Customer> customers = DemoData.customers(10_000);
    long churners =
        customers.stream()
            .filter(
                c ->
                    DemoModel.probability(c.tenureMonths(), c.monthlyCharges(), c.supportCalls())
                        > 0.5)
            .count();
    double share = churners / 10_000.0;
    assertTrue(share >= 0.25 && share <= 0.35, "share labelled as churning: " + share);
  }
}
