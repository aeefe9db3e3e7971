// Tests that schemas/article.xsd and XmlReader agree, and that every corpus/ XML file validates.

#include "test_paths.hpp"
#include "xml_reader.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace yalu {
namespace {

namespace fs = std::filesystem;

fs::path source_dir() {
    return test::source_root();
}

fs::path xsd_path() {
    return source_dir() / "schemas/article.xsd";
}

// Every name="..." declared by an xs:element or xs:attribute in the schema.
std::set<std::string> xsd_names() {
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_file(xsd_path().c_str());
    if (!parsed) ADD_FAILURE() << xsd_path() << ": " << parsed.description();
    std::set<std::string> names;
    for (const pugi::xpath_node& node :
         doc.select_nodes("//*[local-name()='element' or local-name()='attribute'][@name]")) {
        names.insert(node.node().attribute("name").value());
    }
    return names;
}

bool have_xmllint() {
    return std::system("command -v xmllint >/dev/null 2>&1") == 0;
}

bool validates(const fs::path& file) {
    const std::string command = "xmllint --noout --schema '" + xsd_path().string() + "' '" +
                                file.string() + "' >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
}

TEST(ArticleSchema, EveryNameTheReaderKnowsIsDeclared) {
    const std::set<std::string> declared = xsd_names();
    for (const std::string& name : XmlReader::known_names()) {
        EXPECT_TRUE(declared.count(name) == 1)
            << "XmlReader reads <" << name << "> but article.xsd does not declare it";
    }
}

TEST(ArticleSchema, EveryDeclaredNameIsRead) {
    const auto& known = XmlReader::known_names();
    for (const std::string& name : xsd_names()) {
        EXPECT_TRUE(std::find(known.begin(), known.end(), name) != known.end())
            << "article.xsd declares '" << name
            << "' but XmlReader::known_names() does not list it";
    }
}

TEST(ArticleSchema, CorpusXmlFilesValidate) {
    if (!have_xmllint())
        GTEST_SKIP() << "xmllint not installed (apt-get install -y libxml2-utils); schema "
                        "validation skipped";
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(source_dir() / "corpus")) {
        if (entry.is_regular_file() && entry.path().extension() == ".xml")
            files.push_back(entry.path());
    }
    ASSERT_FALSE(files.empty()) << "no corpus/**/*.xml found under " << source_dir();
    for (const fs::path& file : files)
        EXPECT_TRUE(validates(file)) << file << " does not validate against " << xsd_path();
}

TEST(ArticleSchema, BrokenFilesDoNotValidate) {
    if (!have_xmllint())
        GTEST_SKIP() << "xmllint not installed (apt-get install -y libxml2-utils); schema "
                        "validation skipped";
    const fs::path bad = source_dir() / "tests/data/bad";
    EXPECT_FALSE(validates(bad / "broken.xml"));
    EXPECT_FALSE(validates(bad / "wrong_root.xml"));
    EXPECT_FALSE(validates(bad / "articles_problems.xml"));  // 2022-02-30 is no xs:date
}

}  // namespace
}  // namespace yalu
