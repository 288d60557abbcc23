namespace Sweep.Data.Catalogue;

/// <summary>The data sets a sweep can name. Roles: train-images, train-labels, test-images, test-labels, all.</summary>
public static class DatasetCatalogue
{
    private static readonly string[] Digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public static DatasetEntry Mnist { get; } = new(
        "mnist", "MNIST handwritten digits, 28×28, 60,000 train + 10,000 test (LeCun, Cortes, Burges)",
        DatasetFormat.Idx, 28, Digits,
        [
            new("train-images", "train-images-idx3-ubyte.gz",
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new("train-labels", "train-labels-idx1-ubyte.gz",
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new("test-images", "t10k-images-idx3-ubyte.gz",
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new("test-labels", "t10k-labels-idx1-ubyte.gz",
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
        ],
        ["https://ossci-datasets.s3.amazonaws.com/mnist/", "https://storage.googleapis.com/cvdf-datasets/mnist/",
        "http://yann.lecun.com/exdb/mnist/"],
        "CC BY-SA 3.0, Yann LeCun and Corinna Cortes");

    public static DatasetEntry FashionMnist { get; } = new(
        "fashion-mnist", "Fashion-MNIST clothing images, 28×28, 60,000 train + 10,000 test (Zalando Research)",
        DatasetFormat.Idx, 28,
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        [
            new("train-images", "train-images-idx3-ubyte.gz",
                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new("train-labels", "train-labels-idx1-ubyte.gz",
                "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new("test-images", "t10k-images-idx3-ubyte.gz",
                "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new("test-labels", "t10k-labels-idx1-ubyte.gz",
                "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
        ],
        ["http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"],
        "MIT, Zalando SE", Images.ImagePreparation.Objects);

    public static DatasetEntry Digits8x8 { get; } = new(
        "digits8x8", "UCI optical handwritten digits, 8×8 counts 0..16, 1,797 samples (ships with Sweep)",
        DatasetFormat.Digits8x8Csv, 8, Digits,
        [new("all", "digits.csv.gz", "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8")],
        ["https://raw.githubusercontent.com/scikit-learn/scikit-learn/main/sklearn/datasets/data/"],
        "CC BY 4.0, E. Alpaydin and C. Kaynak (UCI); redistributed in scikit-learn (BSD-3-Clause)");

    public static IReadOnlyList<DatasetEntry> All { get; } = [Mnist, FashionMnist, Digits8x8];

    public static IEnumerable<string> Names => All.Select(e => e.Name);

    public static bool TryGet(string name, out DatasetEntry entry)
    {
        entry = All.FirstOrDefault(e => e.Name == name)!;
        return entry is not null;
    }
}
