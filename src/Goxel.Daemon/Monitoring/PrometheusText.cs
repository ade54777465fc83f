using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Goxel.Daemon.Monitoring;

/// <summary>
/// The "goxel-daemon" meter's instruments in Prometheus's text exposition format (version
/// 0.0.4), read by a MeterListener at each scrape: a counter "goxel.requests" becomes
/// goxel_requests_total, a gauge in bytes goxel_memory_rss_bytes, and tags become labels.
/// </summary>
internal sealed class PrometheusText : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();
    private Instrument? _last;

    public PrometheusText()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DaemonMeter.Name) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Append(i, v.ToString(CultureInfo.InvariantCulture), tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Append(i, v.ToString("R", CultureInfo.InvariantCulture), tags));
        _listener.Start();
    }

    /// <summary>The current value of every instrument, one sample per line.</summary>
    public string Scrape()
    {
        lock (_gate)
        {
            _text.Clear();
            _last = null;
            _listener.RecordObservableInstruments();
            return _text.ToString();
        }
    }

    private void Append(Instrument instrument, string value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = NameOf(instrument);
        if (!ReferenceEquals(instrument, _last))
        {
            _last = instrument;
            _text.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
            _text.Append("# TYPE ").Append(name).Append(IsCounter(instrument) ? " counter\n" : " gauge\n");
        }
        _text.Append(name);
        if (!tags.IsEmpty)
        {
            _text.Append('{');
            for (var i = 0; i < tags.Length; i++)
            {
                if (i > 0) _text.Append(',');
                _text.Append(tags[i].Key).Append("=\"");
                Escape(Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "");
                _text.Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(value).Append('\n');
    }

    private static bool IsCounter(Instrument instrument) =>
        instrument is ObservableCounter<long> or ObservableCounter<double> or Counter<long> or Counter<double>;

    /// <summary>Prometheus's name for an instrument: dots to underscores, the unit as a suffix, counters ending in _total.</summary>
    internal static string NameOf(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_');
        name += instrument.Unit switch
        {
            "By" => "_bytes",
            "s" => "_seconds",
            "ms" => "_milliseconds",
            _ => "",
        };
        return IsCounter(instrument) ? name + "_total" : name;
    }

    private void Escape(string value)
    {
        foreach (var c in value)
        {
            if (c is '\\' or '"') _text.Append('\\').Append(c);
            else if (c == '\n') _text.Append("\\n");
            else _text.Append(c);
        }
    }

    public void Dispose() => _listener.Dispose();
}
