# Sourced by test.sh: how the Functions app gets the one worker package a NuGet feed may lack, the Kafka worker
# extension. Everything else the app builds with (Worker, Worker.Sdk with its generators, Http.AspNetCore, Timer)
# is a plain PackageReference: a feed without those fails the build, and should.
#   package  Microsoft.Azure.Functions.Worker.Extensions.Kafka from the feed; the Worker.Sdk's inner
#            WorkerExtensions project then restores the host's Microsoft.Azure.WebJobs.Extensions.Kafka.
#   mirror   tests/EventFunctions.KafkaExtensionMirror; the inner project is generated but not restored.
# The probe is the real build in package mode, inner project included: it succeeds (package), or fails for want of
# a package (mirror, naming what is missing), or fails otherwise, and then stops the run: a mirror must not hide a
# broken build. KAFKA_WORKER_EXTENSION=package|mirror skips the probe.

APP_PROJECT=functions/EventFunctions.FunctionsApp

kafka_worker_extension() {
  if [ -n "${KAFKA_WORKER_EXTENSION:-}" ]; then
    echo "Kafka worker extension: $KAFKA_WORKER_EXTENSION (KAFKA_WORKER_EXTENSION)" >&2
    echo "$KAFKA_WORKER_EXTENSION"
    return
  fi
  local log missing
  log="$(mktemp)"
  if dotnet build "$APP_PROJECT" -c Release -p:KafkaWorkerExtension=package >"$log" 2>&1; then
    echo "Kafka worker extension: the package, and the host extension restored by the inner WorkerExtensions project" >&2
    echo package
  else
    missing="$(grep -oE "Unable to find package [A-Za-z0-9._-]+" "$log" | sed 's/^Unable to find package //; s/\.$//' | sort -u | paste -sd, - | sed 's/,/, /g')"
    if [ -z "$missing" ]; then
      grep -E "error|warning" "$log" | sort -u >&2
      echo "The Functions app does not build with the Kafka worker extension package, and not for want of a package (above)." >&2
      rm -f "$log"
      return 1
    fi
    echo "Kafka worker extension: the compile-only mirror; this NuGet feed does not serve $missing" >&2
    echo mirror
  fi
  rm -f "$log"
}

# The version Directory.Packages.props gives a package (central package management: projects name packages only).
package_version() {
  awk -F'"' -v name="$1" '/<PackageVersion / && $2 == name { print $4 }' Directory.Packages.props
}

# Which of the app's packages this run builds with, named by the project, their versions by Directory.Packages.props,
# and what the mirror leaves unchecked.
report_worker_packages() {
  local mode="$1" package
  echo "Functions app, real packages:"
  for package in $(grep -oE 'PackageReference Include="[^"]+"' "$APP_PROJECT"/*.csproj | cut -d'"' -f2); do
    if [ "$mode" = mirror ] && [ "$package" = Microsoft.Azure.Functions.Worker.Extensions.Kafka ]; then continue; fi
    echo "  $package $(package_version "$package")"
  done
  if [ "$mode" = mirror ]; then
    local mirror=tests/EventFunctions.KafkaExtensionMirror/EventFunctions.KafkaExtensionMirror.csproj version host
    version="$(grep -oE '<Version>[^<]+' "$mirror" | cut -d'>' -f2)"
    host="$(grep -A1 -E '<_Parameter1>Microsoft.Azure.WebJobs.Extensions.Kafka<' "$mirror" | grep -oE '<_Parameter2>[^<]+' | cut -d'>' -f2)"
    echo "Functions app, mirrored: Microsoft.Azure.Functions.Worker.Extensions.Kafka $version (tests/EventFunctions.KafkaExtensionMirror)"
    echo "  not restored: the inner WorkerExtensions project (Microsoft.Azure.WebJobs.Extensions.Kafka $host), so no"
    echo "  extensions.json and no .azurefunctions here; only a feed that serves both Kafka packages checks those."
  fi
}
