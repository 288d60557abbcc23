namespace Sweep.Harness.Report.Charts;

/// <summary>Small greyscale images in a grid, each with a caption (misclassified digits: true → predicted).</summary>
public sealed record ImageGridChart(string Title, string FileName, IReadOnlyList<CaptionedImage> Images,
    int Columns = 8) : Chart(Title, FileName);

/// <summary>Pixels row by row, 0 = background, 255 = ink.</summary>
public sealed record CaptionedImage(int Width, int Height, byte[] Pixels, string Caption);
