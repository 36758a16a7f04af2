using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace EventFunctions.EmbeddedKafka;

/// <summary>
/// Binds "librdkafka" to the very file Confluent.Kafka uses, so the mock cluster and the clients share one
/// native library. On Linux the file is chosen in Confluent.Kafka's own order from the librdkafka.redist assets:
/// <c>librdkafka.so</c>, then <c>centos8-librdkafka.so</c>, then <c>alpine-librdkafka.so</c>. On Debian the plain
/// build fails to load (it needs <c>libsasl2.so.3</c>) and the centos8 build loads. A system librdkafka
/// (Debian's kcat brings 2.0.2) is never used: its mock API differs, so a missing asset is an error instead.
/// Elsewhere (Windows, macOS) the runtime's default probing already finds the package's asset.
/// </summary>
/// <remarks>
/// If Confluent.Kafka loaded librdkafka before the first cluster started, its choice stands; it is the same file
/// unless a system <c>librdkafka.so</c> (a -dev package) shadowed the plain asset. Clients reach the cluster over
/// TCP either way.
/// </remarks>
internal static class NativeLibraryResolver
{
    private const string LibraryName = "librdkafka";

    private static readonly string[] LinuxCandidates = ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"];

    // The DllImport names of Confluent.Kafka's NativeMethods, NativeMethods_Centos8 and NativeMethods_Alpine.
    private static readonly string[] ConfluentLibraryNames = [LibraryName, "centos8-librdkafka", "alpine-librdkafka"];

    private static readonly Lazy<IntPtr> LinuxHandle = new(LoadLinux, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Registers the resolvers once per process; safe to call from any thread, any number of times.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (registered)
                return;

            if (OperatingSystem.IsLinux())
                _ = LinuxHandle.Value; // Fail here, with the paths tried, rather than inside a P/Invoke.

            // SetDllImportResolver throws if called twice for one assembly: hence the flag.
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, ResolveOwn);
            ShareWithConfluentKafka();
            registered = true;
        }
    }

    /// <summary>The file loaded for "librdkafka", or null where the runtime's default probing is used.</summary>
    public static string? LoadedPath { get; private set; }

    private static IntPtr ResolveOwn(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName && OperatingSystem.IsLinux() ? LinuxHandle.Value : IntPtr.Zero;

    private static IntPtr ResolveConfluent(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        OperatingSystem.IsLinux() && ConfluentLibraryNames.Contains(libraryName) ? LinuxHandle.Value : IntPtr.Zero;

    /// <summary>
    /// Makes Confluent.Kafka bind to the same handle, if it has not loaded librdkafka yet.
    /// <c>Library.Load(path)</c> is no use for this: on Linux it dlopens through "libdl", which Debian 12 does not
    /// have (only libdl.so.2), and then binds only its plain "librdkafka" import, which fails on Debian anyway.
    /// A resolver on Confluent.Kafka's assembly answers all three of its import names with our handle instead.
    /// </summary>
    private static void ShareWithConfluentKafka()
    {
        if (!OperatingSystem.IsLinux() || Library.IsLoaded)
            return; // Already loaded, by the same candidates in the same directory (see the class remarks).

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, ResolveConfluent);
        }
        catch (InvalidOperationException)
        {
            // The application installed its own resolver for Confluent.Kafka: it chose, and we leave it be.
            return;
        }

        Library.Load(); // Bind now, so a mismatch surfaces here rather than in the first client.
    }

    private static IntPtr LoadLinux()
    {
        var architecture = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            var other => other.ToString().ToLowerInvariant(),
        };

        // runtimes/<rid>/native for a portable build; the base directory itself once published for a RID.
        string[] directories =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", $"linux-{architecture}", "native"),
            AppContext.BaseDirectory,
        ];

        var tried = new List<string>();
        foreach (var directory in directories)
        {
            foreach (var candidate in LinuxCandidates)
            {
                var path = Path.Combine(directory, candidate);
                if (!File.Exists(path))
                    continue;
                tried.Add(path);
                if (NativeLibrary.TryLoad(path, out var handle))
                {
                    LoadedPath = path;
                    return handle;
                }
            }
        }

        throw new DllNotFoundException(
            "Could not load librdkafka from the librdkafka.redist assets of Confluent.Kafka " +
            $"(tried: {(tried.Count == 0 ? "none found under " + directories[0] : string.Join(", ", tried))}). " +
            "A system librdkafka is deliberately not used.");
    }
}
