package dev.scry.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.scry.planner.model.ElementType;
import dev.scry.planner.model.ModelInput;
import dev.scry.planner.model.OnnxModelInfo;
import dev.scry.planner.model.OnnxModelReader;
import dev.scry.planner.model.TensorOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoModelTest {
  private static final List<Long> N_BY_1 = List.of(-1L, 1L);

  @Test
  void theGeneratedModelHasTheDocumentedSignature() {
    OnnxModelInfo info = OnnxModelReader.readInfo(DemoModel.bytes());
    assertEquals(8, info.irVersion());
    assertEquals(13L, info.opsets().get(""));
    assertEquals(
        List.of(
            new ModelInput("tenure_months", ElementType.FLOAT, N_BY_1),
            new ModelInput("monthly_charges", ElementType.FLOAT, N_BY_1),
            new ModelInput("support_calls", ElementType.FLOAT, N_BY_1)),
        info.signature().inputs());
    assertEquals(
        List.of(
            new TensorOutput("churn_probability", ElementType.FLOAT, N_BY_1),
            new TensorOutput("churn_label", ElementType.INT64, N_BY_1)),
        info.signature().outputs());
  }

  @Test
  void onnxRuntimeScoresGeneratedCustomersLikeTheReferenceFormula() throws Exception {
    List<DemoData.Customer> customers = DemoData.customers(50);
    int n = customers.size();
    float[][] tenure = new float[n][1];
    float[][] charges = new float[n][1];
    float[][] calls = new float[n][1];
    for (int i = 0; i < n; i++) {
      tenure[i][0] = (float) customers.get(i).tenureMonths();
      charges[i][0] = (float) customers.get(i).monthlyCharges();
      calls[i][0] = (float) customers.get(i).supportCalls();
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(DemoModel.bytes());
        OnnxTensor t = OnnxTensor.createTensor(env, tenure);
        OnnxTensor c = OnnxTensor.createTensor(env, charges);
        OnnxTensor s = OnnxTensor.createTensor(env, calls);
        OrtSession.Result result =
            session.run(Map.of("tenure_months", t, "monthly_charges", c, "support_calls", s))) {
      float[][] probabilities =
          (float[][]) result.get("churn_probability").orElseThrow().getValue();
      long[][] labels = (long[][]) result.get("churn_label").orElseThrow().getValue();
      int churners = 0;
      for (int i = 0; i < n; i++) {
        DemoData.Customer customer = customers.get(i);
        float p = probabilities[i][0];
        assertTrue(p > 0 && p < 1, "probability " + p);
        assertEquals(
            p > 0.5f ? 1L : 0L, labels[i][0], "label of customer " + customer.customerId());
        assertEquals(
            DemoModel.probability(
                customer.tenureMonths(), customer.monthlyCharges(), customer.supportCalls()),
            p,
            1e-5);
        churners += (int) labels[i][0];
      }
      assertTrue(churners > 0 && churners < n, "both labels occur: " + churners);
    }
  }
}
