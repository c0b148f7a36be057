package dev.scry.gateway.startup;

import dev.scry.engine.storage.StorageFailure;
import dev.scry.gateway.config.LakeAccount;
import dev.scry.gateway.config.LakeAccounts;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One request the gateway makes to the lake before it is ready: the status of a container's root. What
 * is probed, per storage account:
 * <ul>
 *   <li>the warehouse's container, when the warehouse is on the account: it must exist and the credential
 *       must read it;</li>
 *   <li>each container listed under {@code containers}: the same;</li>
 *   <li>with neither, a container name nobody uses: only whether the account answers at all. Without a
 *       container there is nothing the credential must be able to read (a SAS or a role may be scoped to
 *       containers), so any answer counts, except that no OAuth token could be had.</li>
 * </ul>
 */
record LakeProbe(LakeAccount account, Purpose purpose, String container) {
  /** Why a container is probed, which decides what counts as a failure and how it is told. */
  enum Purpose {
    WAREHOUSE,
    LISTED_CONTAINER,
    REACHABILITY
  }

  /** Made up: only the account's answer to it matters, never the container. */
  static final String UNUSED_CONTAINER = "scry-reachability-check";

  LakeProbe {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(container, "container");
  }

  /** The probes for {@code accounts}, the warehouse's first; fails when the warehouse's account is not configured. */
  static List<LakeProbe> plan(LakeAccounts accounts, String warehouseUri) {
    Optional<WarehouseContainer> warehouse = WarehouseContainer.of(warehouseUri);
    List<LakeProbe> probes = new ArrayList<>();
    if (warehouse.isPresent()) {
      LakeAccount home =
          accounts.accounts().stream()
              .filter(a -> a.account().equals(warehouse.get().account()))
              .findFirst()
              .orElseThrow(
                  () ->
                      StartupFailure.configuration(
                          "the warehouse "
                              + warehouseUri
                              + " is in storage account '"
                              + warehouse.get().account()
                              + "', which no storage entry configures; add one with its credential "
                              + "(see docs/configuration.md)",
                          null));
      probes.add(new LakeProbe(home, Purpose.WAREHOUSE, warehouse.get().container()));
    }
    for (LakeAccount account : accounts.accounts()) {
      Set<String> listed = new LinkedHashSet<>(account.containers());
      warehouse
          .filter(w -> w.account().equals(account.account()))
          .ifPresent(w -> listed.remove(w.container()));
      for (String container : listed) {
        probes.add(new LakeProbe(account, Purpose.LISTED_CONTAINER, container));
      }
      boolean probed = probes.stream().anyMatch(p -> p.account().equals(account));
      if (!probed) {
        probes.add(new LakeProbe(account, Purpose.REACHABILITY, UNUSED_CONTAINER));
      }
    }
    return probes;
  }

  /** The container's root as hadoop-azure addresses it (abfs:// for an emulator's plain http). */
  String uri() {
    String scheme =
        account.endpoint().map(URI::getScheme).filter("http"::equals).isPresent()
            ? "abfs"
            : "abfss";
    return scheme + "://" + container + "@" + account.dfsHost() + "/";
  }

  /** The start-up failure {@code error} means for this probe, if any. */
  Optional<StartupFailure> judge(Throwable error) {
    Optional<StorageFailure> found = StorageFailure.find(error, uri());
    if (found.isEmpty()) {
      return Optional.of(
          StartupFailure.seeLog(who() + " could not be used with its settings", error));
    }
    StorageFailure failure = found.get();
    if (purpose == Purpose.REACHABILITY && !unusable(failure.kind())) {
      return Optional.empty();
    }
    return Optional.of(StartupFailure.of(say(failure), error));
  }

  /** What fails any probe: the account did not answer, or no token could be had for it. */
  private static boolean unusable(StorageFailure.Kind kind) {
    return kind == StorageFailure.Kind.UNREACHABLE
        || kind == StorageFailure.Kind.TIMED_OUT
        || kind == StorageFailure.Kind.NO_ACCESS_TOKEN;
  }

  private String say(StorageFailure failure) {
    String cause = failure.cause();
    return switch (failure.kind()) {
      case UNREACHABLE ->
          who()
              + " could not be reached"
              + account.endpoint().map(e -> " at " + e).orElse("")
              + " ("
              + cause
              + "); check the account name"
              + (account.endpoint().isPresent() ? " and endpoint" : "")
              + ", that the service is up and that this machine can reach it";
      case TIMED_OUT ->
          who()
              + " did not answer in time ("
              + cause
              + "); check the network, or raise "
              + "retry.read-timeout-seconds of storage '"
              + account.name()
              + "'";
      case NO_ACCESS_TOKEN ->
          "no access token could be obtained for "
              + who()
              + " ("
              + cause
              + "); check its "
              + account.credential().type()
              + " credential";
      case CREDENTIAL_REFUSED ->
          who()
              + " refused the credential ("
              + cause
              + "); check the "
              + account.credential().type()
              + " credential of storage '"
              + account.name()
              + "'";
      case PERMISSION_DENIED ->
          "the credential of "
              + who()
              + " may not read "
              + what()
              + " ("
              + cause
              + "); grant it "
              + (purpose == Purpose.WAREHOUSE ? "read and write" : "read")
              + " access";
      case CONTAINER_NOT_FOUND ->
          purpose == Purpose.WAREHOUSE
              ? "the warehouse container '"
                  + container
                  + "' does not exist in account '"
                  + account.account()
                  + "'; create it, or point 'warehouse' at an existing container"
              : "the container '"
                  + container
                  + "' listed for storage '"
                  + account.name()
                  + "' does not exist in account '"
                  + account.account()
                  + "'; create it, or remove it from 'containers'";
      case PATH_NOT_FOUND, THROTTLED, SERVICE_ERROR ->
          who()
              + " failed the check of "
              + what()
              + " ("
              + cause
              + "); try again, or check the account's health";
    };
  }

  private String who() {
    return "storage '" + account.name() + "' (account '" + account.account() + "')";
  }

  private String what() {
    return (purpose == Purpose.WAREHOUSE ? "the warehouse container '" : "container '")
        + container
        + "'";
  }

  /** The account and container of an abfs(s):// warehouse. */
  record WarehouseContainer(String account, String container) {
    static Optional<WarehouseContainer> of(String warehouseUri) {
      URI uri = URI.create(warehouseUri);
      if (!"abfs".equals(uri.getScheme()) && !"abfss".equals(uri.getScheme())) {
        return Optional.empty();
      }
      String host = uri.getHost();
      if (host == null || uri.getUserInfo() == null || !host.endsWith(".dfs.core.windows.net")) {
        throw StartupFailure.configuration(
            "warehouse "
                + warehouseUri
                + " is not a lake location; write it as "
                + "abfss://CONTAINER@ACCOUNT.dfs.core.windows.net/PATH",
            null);
      }
      return Optional.of(
          new WarehouseContainer(host.substring(0, host.indexOf('.')), uri.getUserInfo()));
    }
  }
}
