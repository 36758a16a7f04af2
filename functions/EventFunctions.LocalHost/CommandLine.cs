using System.Globalization;
using System.Text.RegularExpressions;

namespace EventFunctions.LocalHost;

/// <summary>
/// The local host's command line: a command, then settings as <c>--name value</c> or <c>--name=value</c>, which it
/// hands on in the one form (<c>--name=value</c>) the configuration reads. Anything it cannot take is refused in one
/// line, with exit code 2.
/// </summary>
public sealed partial record CommandLine(string Command, IReadOnlyList<string> Words, IReadOnlyList<string> Settings)
{
    public static readonly IReadOnlyList<string> Commands = ["run", "infra", "bench", "dlq", "overdue", "views", "help"];

    /// <summary>Options that take no value.</summary>
    private static readonly HashSet<string> Switches = ["dry-run", "again", "from-remaining", "no-wait", "ramp", "help"];

    public const string Usage = """
        Usage: ./run.sh [command] [--setting value | --setting=value ...]

        Commands:
          run (default)  the whole pipeline: Kafka (embedded unless KafkaBrokerList is set), Table Storage, the five
                         functions, the HTTP API on http://127.0.0.1:7071
          infra          Kafka and the tables only, for `func start`: prints the broker list; serves /api/health only
          bench          the benchmark (functions/EventFunctions.Benchmark; bench comes first), on a fresh pipeline
                         (new tables), under one of three loads:
                           closed: --orders N (2000) all posted at once, --concurrency N (64) POSTs in flight
                           open:   --rate R --duration S (30): an order every 1/R s, whatever the answers
                           ramp:   --ramp [--from R (50)] [--step R (50)] [--step-duration S (10)] [--p99-bound MS (1000)]
                                   [--max-rate R (2000)]: rising open loads until p99 placed→final passes the bound
                         and for each: --skus N (20) --observe view|api; open and ramp warm up first: --warmup S (5);
                         --preload N places N orders first in the same tables, not counted (tables that have grown)
                         (scripts/bench-compare.sh REF [options] runs the same load on commit REF and on this tree, side by side)
          dlq list       dead letters of the running pipeline: [--topic T] [--group G] [--order ID] [--reason TEXT] [--limit N]
          dlq redrive    put them back: the same filters, [--dry-run] [--again]
          overdue        orders past their deadline
          views [list]   the read models (orders, daily-sales): their versions, and a build's progress
          views status|rebuild|rollback|cancel|drop-previous [NAME]   NAME defaults to orders
                         rebuild builds a new version from the log and follows it until readers switch to it:
                         [--from-remaining] builds from what the topics still hold, [--no-wait] does not follow
                         (dlq, overdue and views call the running pipeline's API: [--api URL] [--key ADMIN_KEY])
          help, --help   this text

        Settings (also from environment variables of the same names):
          --urls URL                        where the API listens (default http://127.0.0.1:7071)
          --KafkaBrokerList HOST:PORT,...   a cluster to use instead of the embedded one (another host's embedded one too)
          --KafkaSecurityProtocol, --KafkaSaslMechanism, --KafkaSaslUsername, --KafkaSaslPassword
          --KafkaGroupProtocol Classic|Consumer   (default: Consumer on an embedded cluster, else Classic)
          --EmbeddedFetchWaitMaxMs MS       how long an embedded broker holds an empty fetch (default 10)
          --AzureWebJobsStorage CONNECTION  Table Storage (default UseDevelopmentStorage=true: Azurite on 127.0.0.1:10002)
          --TablePrefix PREFIX              a prefix for every table name
          --OrderDeadline HH:MM:SS          when an order counts as overdue (default 00:05:00)
          --OverdueScanInterval HH:MM:SS    how often the overdue scan runs (default 00:01:00)
          --AzureFunctionsJobHost:extensions:kafka:NAME VALUE   a host.json trigger setting (maxBatchSize, ...)
        """;

    public bool WantsHelp => Command == "help";

    /// <summary>Reads the arguments, or throws <see cref="UsageException"/> saying what is wrong.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help") return new CommandLine("help", [], []);
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg.StartsWith('-')) throw new UsageException($"'{arg}' is not an option: options start with --");
                positional.Add(arg);
                continue;
            }
            var (name, value) = arg[2..].Split('=', 2) is [var n, var v] ? (n, v) : (arg[2..], null);
            if (name.Length == 0) throw new UsageException($"'{arg}' names no setting");
            if (value is null && !Switches.Contains(name))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new UsageException($"--{name} needs a value");
                value = args[++i];
            }
            Check(name, value);
            settings.Add(value is null ? $"--{name}" : $"--{name}={value}");
        }

        var command = positional.FirstOrDefault() ?? "run";
        if (!Commands.Contains(command))
            throw new UsageException($"unknown command '{command}'; the commands are {string.Join(", ", Commands)}");
        var words = positional.Skip(1).ToList();
        if (command == "dlq" && words is not ["list"] and not ["redrive"])
            throw new UsageException("dlq takes list or redrive");
        if (command == "views" && (words.Count > 2 || words.Count > 0 && !Operations.ViewsCommand.Verbs.Contains(words[0]) || words is ["list", _]))
            throw new UsageException($"views takes {string.Join(", ", Operations.ViewsCommand.Verbs)}, then a read model's name");
        if (command is not ("dlq" or "views") && words.Count > 0)
            throw new UsageException($"'{words[0]}' is not a setting: settings start with --");
        return new CommandLine(command, words, settings);
    }

    /// <summary>Refuses at once the values that would otherwise fail deep in the start, or quietly do something else.</summary>
    private static void Check(string name, string? value)
    {
        switch (name.ToLowerInvariant())
        {
            case "urls" when value!.Split(';').Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")):
                throw new UsageException($"--urls takes http://host:port, not '{value}'");
            case "kafkabrokerlist" when !BrokerList().IsMatch(value!):
                throw new UsageException($"--KafkaBrokerList takes host:port[,host:port...], not '{value}'");
            case "orders" or "concurrency" or "skus" or "limit" when !int.TryParse(value, out var n) || n < 1:
                throw new UsageException($"--{name} takes a whole number of at least 1, not '{value}'");
            case "rate" or "duration" or "from" or "step" or "step-duration" or "p99-bound" or "max-rate"
                when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) || !(x > 0):
                throw new UsageException($"--{name} takes a number above 0, not '{value}'");
            case "preload" when !int.TryParse(value, out var p) || p < 0:
                throw new UsageException($"--preload takes a whole number of orders, 0 or more, not '{value}'");
            case "warmup" when !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !(w >= 0):
                throw new UsageException($"--warmup takes a number of seconds, 0 or more, not '{value}'");
            case "observe" when value is not ("view" or "api"):
                throw new UsageException($"--observe takes view or api, not '{value}'");
        }
    }

    [GeneratedRegex(@"^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$")]
    private static partial Regex BrokerList();
}

/// <summary>A command line the local host cannot take; its message is the one line it prints.</summary>
public sealed class UsageException(string message) : Exception(message);
