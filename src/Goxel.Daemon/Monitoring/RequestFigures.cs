using System.Collections.Concurrent;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// Count, errors and latency histogram of every method that has run, by wire name. Only names
/// the method table knows get here (unknown methods never reach the dispatch hook), so the
/// table stays as small as the catalogue.
/// </summary>
internal sealed class RequestFigures
{
    private readonly ConcurrentDictionary<string, LatencyHistogram> _methods = new(StringComparer.Ordinal);

    /// <summary>Counts one run of <paramref name="method"/>.</summary>
    public void Record(string method, TimeSpan elapsed, bool failed)
    {
        // A lookup that finds the method allocates nothing; the first run of a name adds it.
        if (!_methods.TryGetValue(method, out var histogram)) histogram = _methods.GetOrAdd(method, static _ => new LatencyHistogram());
        histogram.Record(elapsed, failed);
    }

    /// <summary>Every method seen, with its figures, by name.</summary>
    public IEnumerable<KeyValuePair<string, LatencyHistogram>> Methods => _methods.OrderBy(m => m.Key, StringComparer.Ordinal);

    /// <summary>Requests run, all methods together.</summary>
    public long Count => _methods.Values.Sum(h => h.Count);

    /// <summary>Of them, those answered with an error.</summary>
    public long Errors => _methods.Values.Sum(h => h.Errors);
}
