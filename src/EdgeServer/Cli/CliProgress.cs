using System.Globalization;
using System.Text;
using MaoOcr.Client;

namespace MaoOcr.EdgeServer.Cli;

/// <summary>
/// Progress of <c>maoocr ocr --server</c> on stderr. On a terminal: one bar, redrawn in place, with the overall percent,
/// the files done and the latest file's stage. Otherwise (a log, a pipe): a plain line for each file's queueing, each
/// new stage and its end, so nothing but newlines reaches the file. Thread-safe: the files run concurrently.
/// </summary>
internal sealed class CliProgress
{
    /// <summary>Cells of the bar. 30: with the counters and a file name it fits an 80-column terminal.</summary>
    private const int BarCells = 30;

    /// <summary>ANSI "erase to end of line" (CSI K), after a carriage return: the bar is redrawn over itself.</summary>
    private const string EraseLine = "\r\u001b[K";

    private readonly TextWriter _stderr;
    private readonly bool _terminal;
    private readonly IReadOnlyList<string> _files;
    private readonly int[] _percent;
    private readonly OcrStage?[] _stage;
    private readonly bool[] _done;
    private readonly Lock _gate = new();
    private string _latest = "";
    private string _drawn = "";

    public CliProgress(TextWriter stderr, bool terminal, IReadOnlyList<string> files)
    {
        _stderr = stderr;
        _terminal = terminal;
        _files = files;
        _percent = new int[files.Count];
        _stage = new OcrStage?[files.Count];
        _done = new bool[files.Count];
    }

    public void Queued(int file, int position)
    {
        lock (_gate)
        {
            _latest = $"{Path.GetFileName(_files[file])}: queued";
            if (!_terminal)
            {
                _stderr.WriteLine($"{_files[file]}: queued (position {position.ToString(CultureInfo.InvariantCulture)})");
            }
            Redraw();
        }
    }

    public void Report(int file, OcrStage stage, int percent)
    {
        lock (_gate)
        {
            bool newStage = _stage[file] != stage;
            _stage[file] = stage;
            _percent[file] = Math.Clamp(percent, _percent[file], 100);
            _latest = $"{Path.GetFileName(_files[file])}: {StageName(stage)}";
            if (!_terminal && newStage)
            {
                _stderr.WriteLine($"{_files[file]}: {StageName(stage)}");
            }
            Redraw();
        }
    }

    public void Done(int file)
    {
        lock (_gate)
        {
            _done[file] = true;
            _percent[file] = 100;
            if (!_terminal)
            {
                _stderr.WriteLine($"{_files[file]}: done ({DoneCount().ToString(CultureInfo.InvariantCulture)}/{_files.Count.ToString(CultureInfo.InvariantCulture)})");
            }
            Redraw();
        }
    }

    /// <summary>Writes output (a result on stdout, an error on stderr) with the bar cleared first and drawn again after.</summary>
    public void Above(Action write)
    {
        lock (_gate)
        {
            Clear();
            write();
            Redraw();
        }
    }

    /// <summary>Removes the bar, leaving the terminal as it was.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            Clear();
        }
    }

    private void Clear()
    {
        if (_terminal && _drawn.Length > 0)
        {
            _stderr.Write(EraseLine);
            _stderr.Flush();
            _drawn = "";
        }
    }

    private void Redraw()
    {
        if (!_terminal)
        {
            return;
        }
        int overall = (int)_percent.Average();
        int filled = overall * BarCells / 100;
        var line = new StringBuilder(BarCells + 64);
        line.Append('[').Append('#', filled).Append('-', BarCells - filled).Append("] ");
        line.Append(CultureInfo.InvariantCulture, $"{overall,3}%  {DoneCount()}/{_files.Count}  {_latest}");
        string text = line.ToString();
        if (text == _drawn)
        {
            return;
        }
        _stderr.Write(EraseLine + text);
        _stderr.Flush();
        _drawn = text;
    }

    private int DoneCount() => _done.Count(d => d);

    private static string StageName(OcrStage stage) => stage switch
    {
        OcrStage.Decode => "decode",
        OcrStage.Detection => "detection",
        OcrStage.Classification => "classification",
        OcrStage.Recognition => "recognition",
        _ => "working",
    };
}
