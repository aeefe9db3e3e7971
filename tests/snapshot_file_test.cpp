// Tests for SnapshotFile and SnapshotBytes (the snapshots kept as files beside an index's
// tables), for the searcher's order of preference (the file, then the metadata, then the XML,
// with damaged, stale or missing files changing no result), and for FileHashes (the hashes of
// the schema files a search takes instead of hashing them, while they keep their identity).

#include "snapshot_file.hpp"

#include "database_layout.hpp"
#include "file_hashes.hpp"
#include "file_identity.hpp"
#include "errors.hpp"
#include "gazetteer.hpp"
#include "index_settings.hpp"
#include "indexer.hpp"
#include "schema.hpp"
#include "searcher.hpp"
#include "thesaurus.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <xxhash.h>
#include <unistd.h>

#include <filesystem>
#include <chrono>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#ifndef YALU_SOURCE_DIR
#define YALU_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;

namespace yalu {
namespace {

// An empty folder of the test's own, removed after it.
struct ScratchFolder {
    const fs::path dir;
    explicit ScratchFolder(const std::string& name)
        : dir(fs::temp_directory_path() /
              ("yalu-snapshot-" + name + "-" + std::to_string(::getpid()))) {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~ScratchFolder() { fs::remove_all(dir); }
    ScratchFolder(const ScratchFolder&) = delete;
    ScratchFolder& operator=(const ScratchFolder&) = delete;
};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

ino_t inode_of(const fs::path& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

TEST(SnapshotFile, WritesByRenameAndLeavesAnUnchangedFileAlone) {
    const ScratchFolder scratch("write");
    const std::string dir = scratch.dir.string();
    const fs::path file = SnapshotFile::path(dir, "yalu.gazetteer");
    EXPECT_EQ(file, scratch.dir / "yalu.gazetteer.snapshot");
    EXPECT_FALSE(SnapshotFile::read(dir, "yalu.gazetteer").has_value());

    ASSERT_EQ(SnapshotFile::write(dir, "yalu.gazetteer", "first bytes"), "");
    const auto first = SnapshotFile::read(dir, "yalu.gazetteer");
    ASSERT_TRUE(first.has_value());
    EXPECT_TRUE(first->is_mapped());
    EXPECT_EQ(first->view(), "first bytes");

    // The same bytes again: not written (an unchanged run changes no file).
    const ino_t inode = inode_of(file);
    const auto written = fs::last_write_time(file);
    ASSERT_EQ(SnapshotFile::write(dir, "yalu.gazetteer", "first bytes"), "");
    EXPECT_EQ(inode_of(file), inode);
    EXPECT_EQ(fs::last_write_time(file), written);

    // Other bytes: a new file renamed over the old, so a reader that mapped the old one still
    // reads all of it, never a mixture.
    ASSERT_EQ(SnapshotFile::write(dir, "yalu.gazetteer", "second, longer bytes"), "");
    EXPECT_NE(inode_of(file), inode);
    EXPECT_EQ(first->view(), "first bytes");
    EXPECT_EQ(read_file(file), "second, longer bytes");

    // What a run killed between writing and renaming leaves is removed by the next write,
    // changed or not, and is never read.
    write_file(file.string() + ".tmp", "half");
    ASSERT_EQ(SnapshotFile::write(dir, "yalu.gazetteer", "second, longer bytes"), "");
    EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
    EXPECT_EQ(SnapshotFile::read(dir, "yalu.gazetteer")->view(), "second, longer bytes");

    // A folder that cannot take the file: said, not thrown.
    EXPECT_NE(SnapshotFile::write((scratch.dir / "no-such-folder").string(), "k", "x"), "");
    // An empty file or a folder in its place maps as nothing.
    write_file(scratch.dir / "empty.snapshot", "");
    EXPECT_FALSE(SnapshotFile::read(dir, "empty").has_value());
    fs::create_directories(scratch.dir / "folder.snapshot");
    EXPECT_FALSE(SnapshotFile::read(dir, "folder").has_value());
}

TEST(SnapshotFile, NamesItsFilesAndTheirTemporaries) {
    EXPECT_TRUE(SnapshotFile::is_snapshot_name("yalu.gazetteer.snapshot"));
    EXPECT_TRUE(SnapshotFile::is_snapshot_name("yalu.thesaurus.snapshot.tmp"));
    for (const char* other : {"postlist.glass", "iamglass", "flintlock", ".snapshot", "snapshot",
                              "x.snapshots", "x.tmp"})
        EXPECT_FALSE(SnapshotFile::is_snapshot_name(other)) << other;
}

TEST(SnapshotBytes, OwnedAndMappedBytesReadTheSame) {
    const ScratchFolder scratch("bytes");
    const fs::path file = scratch.dir / "x.snapshot";
    write_file(file, "some bytes");
    auto mapped = SnapshotBytes::map(file.string());
    ASSERT_TRUE(mapped.has_value());
    const SnapshotBytes owned(std::string("some bytes"));
    EXPECT_FALSE(owned.is_mapped());
    EXPECT_EQ(owned.view(), mapped->view());
    // A move hands the mapping over: the bytes stay where they are.
    const char* at = mapped->view().data();
    SnapshotBytes moved = std::move(*mapped);
    EXPECT_EQ(moved.view().data(), at);
    EXPECT_TRUE(mapped->view().empty());
    EXPECT_FALSE(SnapshotBytes::map((scratch.dir / "none").string()).has_value());
}

// Waits past the file system clock's tick (a few milliseconds): a recorded identity is one
// settled for seconds, so the writes after it that the tests make stand for later ones.
void next_tick() {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
}

TEST(FileHashes, TrustsARecordedHashOnlyWhileTheFileKeepsItsSettledIdentity) {
    const ScratchFolder scratch("hashes");
    const std::string path = (scratch.dir / "entities.xml").string();
    const std::string bytes = "<gazetteer version=\"1\"/>\n";
    write_file(path, bytes);
    const auto before = FileIdentity::of(path);
    ASSERT_TRUE(before.has_value());
    const std::int64_t later = FileIdentity::now_ns() + FileIdentity::kSettle_ns + 1'000'000;
    const std::uint64_t hash = XXH3_64bits(bytes.data(), bytes.size());

    // Just written: a write in the same clock tick could keep its identity, so nothing is
    // recorded; the same at a later moment, when the file is settled, is.
    FileHashes fresh;
    fresh.note(before, bytes, FileIdentity::of(path), FileIdentity::now_ns());
    EXPECT_FALSE(fresh.hash_of(path).has_value());
    FileHashes known;
    known.note(before, bytes, FileIdentity::of(path), later);
    EXPECT_EQ(known.hash_of(path), hash);
    // Read back from its bytes, the same; damaged or cut short, nothing.
    const std::string stored = known.bytes();
    ASSERT_TRUE(FileHashes::from_bytes(stored).has_value());
    EXPECT_EQ(FileHashes::from_bytes(stored)->hash_of(path), hash);
    std::string flipped = stored;
    flipped[flipped.size() / 2] ^= 0x04;
    EXPECT_FALSE(FileHashes::from_bytes(flipped).has_value());
    EXPECT_FALSE(FileHashes::from_bytes(stored.substr(0, stored.size() - 1)).has_value());
    EXPECT_FALSE(FileHashes::from_bytes("").has_value());

    // Changed while read (identities differ), or read bytes that are not the file's size:
    // nothing.
    FileIdentity moved = *before;
    ++moved.mtime_ns;
    FileHashes torn;
    torn.note(before, bytes, moved, later);
    torn.note(before, bytes + "x", before, later);
    torn.note(std::nullopt, bytes, before, later);
    EXPECT_FALSE(torn.hash_of(path).has_value());

    // Every change of the file changes its identity: rewritten with other bytes of the same
    // size, even with its old modification time put back; replaced by a rename; gone.
    std::string edited = bytes;
    edited[1] = 'G';
    next_tick();
    write_file(path, edited);
    EXPECT_FALSE(known.hash_of(path).has_value());
    struct timespec times[2] = {{0, UTIME_OMIT},
                                {static_cast<time_t>(before->mtime_ns / 1'000'000'000),
                                 static_cast<long>(before->mtime_ns % 1'000'000'000)}};
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
    EXPECT_EQ(FileIdentity::of(path)->mtime_ns, before->mtime_ns);
    EXPECT_FALSE(known.hash_of(path).has_value());
    next_tick();
    write_file(path, bytes);
    EXPECT_FALSE(known.hash_of(path).has_value());
    const std::string other = (scratch.dir / "other.xml").string();
    write_file(other, bytes);
    fs::rename(other, path);
    EXPECT_FALSE(known.hash_of(path).has_value());
    fs::remove(path);
    EXPECT_FALSE(known.hash_of(path).has_value());

    // Times on a clock behind the file's, or none kept: never settled.
    FileIdentity future = *before;
    future.ctime_ns = later;
    EXPECT_FALSE(future.settled(later));
    FileIdentity timeless = *before;
    timeless.mtime_ns = timeless.ctime_ns = 0;
    EXPECT_FALSE(timeless.settled(later));
}

TEST(FileHashes, AFileStampTakesTheRecordedHashOnlyForTheRecordedIdentity) {
    // What a search does with the hashes the index run recorded: Gazetteer::file_stamp takes
    // the recorded hash (here of other bytes of the same size, so that using it shows) while
    // the file is as it was, and hashes the file once it changed.
    const ScratchFolder scratch("stamps");
    const std::string path = (scratch.dir / "entities.xml").string();
    const std::string bytes = "<gazetteer version=\"1\"/>\n";
    std::string decoy = bytes;
    decoy[1] = 'G';
    write_file(path, bytes);
    const std::int64_t later = FileIdentity::now_ns() + FileIdentity::kSettle_ns + 1'000'000;
    FileHashes known;
    known.note(FileIdentity::of(path), decoy, FileIdentity::of(path), later);
    EXPECT_EQ(Gazetteer::file_stamp(path, 5, &known), Gazetteer::source_stamp(decoy, 5));
    EXPECT_EQ(Thesaurus::file_stamp(path, 5, &known), Thesaurus::source_stamp(decoy, 5));
    EXPECT_EQ(Gazetteer::file_stamp(path, 5), Gazetteer::source_stamp(bytes, 5));
    next_tick();
    write_file(path, bytes);  // the same bytes again: another identity, so hashed
    EXPECT_EQ(Gazetteer::file_stamp(path, 5, &known), Gazetteer::source_stamp(bytes, 5));
}

// Records nothing; the tests read the index.
class QuietObserver : public IndexObserver {
public:
    void on_reject(const Rejection&) override {}
    void on_warning(const SourceLocation&, const std::string&) override {}
    void on_progress(const IndexProgress&) override {}
    void on_notice(const std::string& message) override { notices.push_back(message); }
    void on_stage(const std::string&) override {}
    std::vector<std::string> notices;
};

// The ids and scores of a search, as compared between loads of the gazetteer.
std::string answer(const Searcher& searcher, const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 20;
    const SearchResult result = searcher.search(request);
    std::string out = std::to_string(result.total) + ":";
    for (const auto& hit : result.hits) {
        out += " " + hit.id + "=" + std::to_string(hit.score) + "[";
        for (const auto& e : hit.entities) out += e.id + "," + e.type + "," + e.name + ";";
        out += "]";
    }
    return out;
}

TEST(SnapshotFile, SearchesReadTheFileFirstAndFallBackWhenItIsDamagedStaleOrGone) {
    const ScratchFolder scratch("search");
    const fs::path schemas = scratch.dir / "schemas";
    fs::create_directories(schemas);
    for (const char* f : {"index.xml", "entities.xml", "thesaurus.xml"})
        fs::copy_file(fs::path(YALU_SOURCE_DIR) / "schemas" / f, schemas / f);
    IndexSettings settings;
    settings.db_path = (scratch.dir / "db").string();
    settings.schema_dir = schemas.string();
    settings.sources = {std::string(YALU_SOURCE_DIR) + "/corpus"};
    QuietObserver observer;
    ASSERT_GT(Indexer(settings, observer).run().added, 0);
    for (const auto& notice : observer.notices)
        EXPECT_EQ(notice.find("snapshot"), std::string::npos) << notice;

    const std::string folder = DatabaseLayout(settings.db_path).local_database_folder();
    ASSERT_EQ(folder, (scratch.dir / "db.d" / "gen-000001").string());
    const Schema schema = Schema::load((schemas / "index.xml").string());
    const fs::path gazetteer_file = SnapshotFile::path(folder, schema.metadata_key("gazetteer"));
    const fs::path thesaurus_file = SnapshotFile::path(folder, schema.metadata_key("thesaurus"));
    const std::string xml = Gazetteer::read((schemas / "entities.xml").string());
    const std::string stamp = Gazetteer::source_stamp(xml, schema.version());
    const std::string gazetteer_bytes = read_file(gazetteer_file);
    const std::string thesaurus_bytes = read_file(thesaurus_file);
    // What the metadata holds, the same parse of the same files.
    EXPECT_EQ(gazetteer_bytes,
              Gazetteer::parse(xml, (schemas / "entities.xml").string()).snapshot(stamp));
    EXPECT_TRUE(Thesaurus::from_snapshot(
                    thesaurus_bytes,
                    Thesaurus::file_stamp((schemas / "thesaurus.xml").string(), schema.version()))
                    .has_value());

    const SearcherSettings where{settings.db_path, settings.schema_dir, true};
    const std::vector<std::string> queries = {"Kim Jong Un", "김정은", "flood damage",
                                              "person:\"Kim Jong Un\" Pyongyang", "UN sanctions"};
    const auto answers = [&] {
        const Searcher searcher(where);
        std::vector<std::string> out;
        for (const auto& q : queries) out.push_back(answer(searcher, q));
        return out;
    };
    const std::vector<std::string> expected = answers();
    const std::string invented = "Jonguni Kimu";
    const auto finds_invented = [&] {
        SearchRequest request;
        request.query = "person:\"" + invented + "\"";
        try {
            return Searcher(where).search(request).total > 0;
        } catch (const UsageError&) {
            return false;  // "no person called ..."
        }
    };
    ASSERT_FALSE(finds_invented());

    // A file that says something the XML does not, under the XML's own stamp and a valid
    // checksum: the search believes it, so the file is what was read (not the metadata).
    std::string lying_xml = xml;
    const auto at = lying_xml.find("<alias>Kim Jongun</alias>");
    ASSERT_NE(at, std::string::npos);
    lying_xml.insert(at, "<alias>" + invented + "</alias>");
    write_file(gazetteer_file, Gazetteer::parse(lying_xml, "lying.xml").snapshot(stamp));
    EXPECT_TRUE(finds_invented());

    // Damaged, cut short, empty, another snapshot's bytes, stale (another file's stamp), a
    // folder, gone: the metadata answers, as before.
    const std::string other_stamp = Gazetteer::source_stamp(xml + "\n", schema.version());
    std::string flipped = gazetteer_bytes;
    flipped[flipped.size() / 2] ^= 0x20;
    const std::vector<std::pair<std::string, std::string>> damages = {
        {"a flipped byte", flipped},
        {"cut short", gazetteer_bytes.substr(0, gazetteer_bytes.size() / 2)},
        {"empty", ""},
        {"the thesaurus's bytes", thesaurus_bytes},
        {"stale", Gazetteer::parse(xml, "x.xml").snapshot(other_stamp)},
    };
    for (const auto& [what, bytes] : damages) {
        write_file(gazetteer_file, bytes);
        write_file(thesaurus_file, bytes);
        EXPECT_FALSE(finds_invented()) << what;
        EXPECT_EQ(answers(), expected) << what;
    }
    fs::remove(gazetteer_file);
    fs::remove(thesaurus_file);
    fs::create_directories(gazetteer_file);
    EXPECT_EQ(answers(), expected) << "a folder";
    fs::remove(gazetteer_file);
    EXPECT_EQ(answers(), expected) << "gone";

    // The next run writes them again (the metadata unchanged), and an unchanged run after it
    // leaves them as they are.
    EXPECT_EQ(Indexer(settings, observer).run().added, 0);
    EXPECT_EQ(read_file(gazetteer_file), gazetteer_bytes);
    EXPECT_EQ(read_file(thesaurus_file), thesaurus_bytes);
    const auto written = fs::last_write_time(gazetteer_file);
    (void)Indexer(settings, observer).run();
    EXPECT_EQ(fs::last_write_time(gazetteer_file), written);
    EXPECT_EQ(answers(), expected);
    for (const auto& notice : observer.notices)
        EXPECT_EQ(notice.find("snapshot"), std::string::npos) << notice;

    // A rebuild's generation goes live with its own files; the old one's go with it.
    settings.rebuild = true;
    (void)Indexer(settings, observer).run();
    const std::string rebuilt = DatabaseLayout(settings.db_path).local_database_folder();
    ASSERT_EQ(rebuilt, (scratch.dir / "db.d" / "gen-000002").string());
    EXPECT_EQ(read_file(SnapshotFile::path(rebuilt, schema.metadata_key("gazetteer"))),
              gazetteer_bytes);
    EXPECT_EQ(read_file(SnapshotFile::path(rebuilt, schema.metadata_key("thesaurus"))),
              thesaurus_bytes);
    EXPECT_EQ(answers(), expected);
}

}  // namespace
}  // namespace yalu
