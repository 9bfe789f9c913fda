#include "ingest/spreadsheet.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "ingest/roster.h"
#include "testing/zip_writer.h"

namespace pl::ingest {
namespace {

namespace fs = std::filesystem;
using pl::testing::WriteZip;
using pl::testing::ZipEntry;

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

struct Book {
  std::string sheets = R"(<sheet name="People" sheetId="1" r:id="rId1"/>)";
  std::string workbook_pr;
  std::string rels = R"(<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>)";
  std::string shared;  // <si> elements; no xl/sharedStrings.xml when empty
  std::string styles;  // the whole of xl/styles.xml; none when empty
  std::string sheet_data;
  std::string sheet_member = "xl/worksheets/sheet1.xml";
};

class SpreadsheetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("pl_xlsx_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const Book& b, std::vector<ZipEntry> extra = {}) {
    std::vector<ZipEntry> e = {
        {"[Content_Types].xml", "<Types/>"},
        {"xl/workbook.xml",
         std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"") + kMain +
             "\" xmlns:r=\"" + kRel + "\">" + b.workbook_pr + "<sheets>" + b.sheets +
             "</sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
             b.rels + "</Relationships>"},
        {b.sheet_member, std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>" +
                             b.sheet_data + "</sheetData></worksheet>"},
    };
    if (!b.shared.empty()) {
      e.push_back({"xl/sharedStrings.xml",
                   std::string("<sst xmlns=\"") + kMain + "\">" + b.shared + "</sst>"});
    }
    if (!b.styles.empty()) e.push_back({"xl/styles.xml", b.styles});
    for (auto& x : extra) e.push_back(std::move(x));
    const std::string path = (dir_ / ("book" + std::to_string(n_++) + ".xlsx")).string();
    EXPECT_TRUE(WriteZip(path, e));
    return path;
  }

  std::string Csv(const Book& b) {
    auto r = SpreadsheetAsCsv(Write(b), 1 << 20);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : "";
  }
  std::string Fault(const Book& b, size_t most = 1 << 20) {
    auto r = SpreadsheetAsCsv(Write(b), most);
    return r.ok() ? "read: " + *r : std::string(r.status().message());
  }

  fs::path dir_;
  int n_ = 0;
};

// Shared strings (rich text runs joined, phonetic guides left out), inline strings, numbers as
// stored, booleans, a formula's cached value, errors; cells skipped inside a row and rows the
// sheet leaves out (an empty line each, so line N is row N); cells without references.
TEST_F(SpreadsheetTest, CellsAsTheSheetShowsThem) {
  Book b;
  b.shared =
      "<si><t>employee_id</t></si><si><t>name</t></si><si><r><t>Ada </t></r><r><rPr><b/></rPr>"
      "<t>Lovelace</t></r><rPh><t>ラブレス</t></rPh></si><si><t xml:space=\"preserve\"> "
      "two\nlines, "
      "\"quoted\" </t></si>";
  b.sheet_data =
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>score</t></is></c><c r="D1" t="inlineStr"><is><t>ok</t></is></c></row>)"
      R"(<row r="2"><c r="A2"><v>1042</v></c><c r="B2" t="s"><v>2</v></c><c r="C2"><f>1/3</f><v>0.33333333333333331</v></c><c r="D2" t="b"><v>1</v></c></row>)"
      R"(<row r="4"><c r="B4" t="s"><v>3</v></c><c r="D4" t="e"><v>#N/A</v></c></row>)"
      R"(<row r="5"><c t="str"><f>A2&amp;"x"</f><v>1042x</v></c><c><v>2.5</v></c>)"
      "<c t=\"inlineStr\">\n  <is>\n    <r><t>in</t></r>\n    <r><t xml:space=\"preserve\"> "
      "line</t></r>\n"
      "  </is>\n</c></row>";
  EXPECT_EQ(Csv(b),
            "employee_id,name,score,ok\n"
            "1042,Ada Lovelace,0.33333333333333331,TRUE\n"
            "\n"
            ",\" two lines, \"\"quoted\"\" \",,#N/A\n"
            "1042x,2.5,in line,\n");
}

// Numbers shown through a date format become dates (with a time of day where they have one):
// Excel's built-in formats and custom codes alike; a number format that only looks like one
// (quoted letters, colours, scientific notation) stays a number; the 1904 date system.
TEST_F(SpreadsheetTest, DatesFromNumberFormats) {
  Book b;
  b.styles =
      R"(<styleSheet><numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd hh:mm"/>)"
      R"(<numFmt numFmtId="165" formatCode="0.0&quot; days&quot;"/><numFmt numFmtId="166" formatCode="[Red]#,##0"/>)"
      R"(<numFmt numFmtId="167" formatCode="0.00E+00"/></numFmts>)"
      R"(<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>)"
      R"(<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>)"
      R"(<xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/></cellXfs></styleSheet>)";
  b.sheet_data =
      R"(<row r="1"><c s="0"><v>46082</v></c><c s="1"><v>46082</v></c><c s="2"><v>46082.395833333336</v></c>)"
      R"(<c s="3"><v>2.5</v></c><c s="4"><v>1200</v></c><c s="5"><v>12000</v></c><c s="1"><v>1</v></c>)"
      R"(<c s="1"><v>60</v></c><c s="1"><v>61</v></c><c s="1" t="s"><v>0</v></c>)"
      R"(<c s="2"><v>0.75</v></c></row>)";
  b.shared = "<si><t>2026-03-01</t></si>";
  EXPECT_EQ(Csv(b),
            "46082,2026-03-01,2026-03-01T09:30:00,2.5,1200,12000,1900-01-01,1900-03-01,1900-03-01,"
            "2026-03-01,18:00:00\n");
  b.workbook_pr = R"(<workbookPr date1904="1"/>)";
  b.sheet_data =
      R"(<row r="1"><c s="1"><v>0</v></c><c s="1"><v>44620</v></c><c s="2"><v>0.75</v></c></row>)";
  EXPECT_EQ(Csv(b), "1904-01-01,2026-03-01,1904-01-01T18:00:00\n");
}

// The first visible sheet is read, wherever its relationship points; rows are filled to the
// first row's width (an import then sees every column).
TEST_F(SpreadsheetTest, FirstVisibleSheetAndRowsFilledToTheHeader) {
  Book b;
  b.sheets =
      R"(<sheet name="Notes" sheetId="1" state="hidden" r:id="rId7"/><sheet name="Data" sheetId="2" r:id="rId8"/>)";
  b.rels =
      R"(<Relationship Id="rId7" Target="worksheets/notes.xml"/><Relationship Id="rId8" Target="/xl/worksheets/data.xml"/>)";
  b.sheet_member = "xl/worksheets/data.xml";
  b.sheet_data =
      R"(<row r="1"><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c><c t="inlineStr"><is><t>c</t></is></c></row>)"
      R"(<row r="2"><c><v>1</v></c></row><row r="3"/><row r="4"><c r="D4"><v>4</v></c></row>)";
  EXPECT_EQ(Csv(b), "a,b,c\n1,,\n\n,,,4\n");
}

// A roster saved as a workbook imports as its CSV would: the planner sees the same rows, and
// names a bad one by the sheet's row.
TEST_F(SpreadsheetTest, ARosterWorkbookPlansAsItsCsv) {
  Book b;
  b.styles = R"(<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>)";
  auto s = [](const char* v) {
    return std::string("<c t=\"inlineStr\"><is><t>") + v + "</t></is></c>";
  };
  b.sheet_data = "<row r=\"1\">" + s("employee_id") + s("name") + s("email") + s("hire_date") +
                 s("skills") + "</row><row r=\"2\">" + s("E1") + s("Ada Lovelace") +
                 s("ada@example.com") + "<c s=\"1\"><v>43472</v></c>" + s("strategy:4;math:3") +
                 "</row><row r=\"5\">" + s("E2") + s("Grace") + s("not-an-email") +
                 "<c s=\"1\"><v>43525</v></c></row>";
  const std::string csv = Csv(b);
  EXPECT_EQ(csv,
            "employee_id,name,email,hire_date,skills\n"
            "E1,Ada Lovelace,ada@example.com,2019-01-07,\"strategy:4;math:3\"\n\n\n"
            "E2,Grace,not-an-email,2019-03-01,\n");
  auto plan = PlanRoster(csv, {}, {.lenient = true});
  ASSERT_EQ(plan.records.size(), 1u);
  EXPECT_EQ(plan.records[0].hire_date, ParseDate("2019-01-07").value());
  EXPECT_EQ(plan.records[0].skills.size(), 2u);
  ASSERT_FALSE(plan.issues.empty());
  EXPECT_EQ(plan.issues[0].line, 5);  // the sheet's row
}

// Each fault is named: a zip that is no workbook, a workbook without a sheet or with a missing
// target, a shared string that is not there, malformed XML (member and line), a document type
// declaration (never expanded), cells out of order, a sheet too large as CSV, a zip bomb.
// An OpenDocument spreadsheet (.ods, LibreOffice's own): values by type, text with its spaces
// and paragraphs, repeated cells and rows written out, the empty rest of the sheet (repeated a
// million times) not; annotations and the second sheet left out.
TEST_F(SpreadsheetTest, OpenDocumentSheet) {
  const std::string cells =
      R"(<table:table-row><table:table-cell office:value-type="string"><text:p>name</text:p>)"
      R"(</table:table-cell><table:table-cell office:value-type="string"><text:p>n</text:p>)"
      R"(</table:table-cell><table:table-cell table:number-columns-repeated="2" )"
      R"(office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>)"
      R"(<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="string">)"
      R"(<office:annotation><text:p>a note</text:p></office:annotation><text:p>Ada,<text:s )"
      R"(text:c="2"/>L.</text:p><text:p>second line</text:p></table:table-cell>)"
      R"(<table:table-cell office:value-type="float" office:value="0.5"><text:p>50%</text:p>)"
      R"(</table:table-cell><table:table-cell office:value-type="date" )"
      R"(office:date-value="2026-03-01T09:30:00.123"/><table:table-cell office:value-type="time" )"
      R"(office:time-value="PT18H05M00S"/></table:table-row>)"
      R"(<table:table-row table:number-rows-repeated="3"><table:table-cell )"
      R"(table:number-columns-repeated="1024"/></table:table-row>)"
      R"(<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="boolean" )"
      R"(office:boolean-value="true"/><table:table-cell office:value-type="percentage" )"
      R"(office:value="0.25"/></table:table-row>)"
      R"(<table:table-row table:number-rows-repeated="1048570"><table:table-cell )"
      R"(table:number-columns-repeated="1024"/></table:table-row>)";
  const std::string content =
      R"(<?xml version="1.0" encoding="UTF-8"?><office:document-content )"
      R"(xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" )"
      R"(xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" )"
      R"(xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>)"
      R"(<office:spreadsheet><table:table table:name="A">)" +
      cells +
      R"(</table:table><table:table table:name="B"><table:table-row><table:table-cell )"
      R"(office:value-type="string"><text:p>other</text:p></table:table-cell></table:table-row>)"
      R"(</table:table></office:spreadsheet></office:body></office:document-content>)";
  const std::string path = (dir_ / "book.ods").string();
  ASSERT_TRUE(WriteZip(path, {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                              {"content.xml", content}}));
  auto csv = SpreadsheetAsCsv(path, 1 << 20);
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  EXPECT_EQ(*csv,
            "name,n,x,x\n"
            "\"Ada,  L. second line\",0.5,2026-03-01T09:30:00,18:05:00\n"
            "\"Ada,  L. second line\",0.5,2026-03-01T09:30:00,18:05:00\n"
            "\n\n\n"
            ",TRUE,0.25,\n");
  // A text document is no spreadsheet.
  const std::string odt = (dir_ / "letter.odt").string();
  ASSERT_TRUE(WriteZip(odt, {{"mimetype", "application/vnd.oasis.opendocument.text"},
                             {"content.xml", "<office:document-content/>"}}));
  auto letter = SpreadsheetAsCsv(odt, 1 << 20);
  ASSERT_FALSE(letter.ok());
  EXPECT_EQ(
      letter.status().message(),
      "an OpenDocument file, but not a spreadsheet (application/vnd.oasis.opendocument.text): "
      "save the sheet as .ods, .xlsx or CSV");
}

TEST_F(SpreadsheetTest, FaultsAreNamed) {
  const std::string not_book = (dir_ / "export.zip").string();
  ASSERT_TRUE(WriteZip(not_book, {{"users.json", "[]"}}));
  auto r = SpreadsheetAsCsv(not_book, 1 << 20);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a spreadsheet (.xlsx or .ods"), std::string::npos);

  Book none;
  none.sheets = "";
  EXPECT_EQ(Fault(none), "the workbook has no worksheet");
  Book missing;
  missing.rels = R"(<Relationship Id="rId9" Target="worksheets/sheet1.xml"/>)";
  EXPECT_EQ(Fault(missing),
            "the workbook's first sheet (rId1) has no target in "
            "xl/_rels/workbook.xml.rels");
  Book gone;
  gone.rels = R"(<Relationship Id="rId1" Target="worksheets/other.xml"/>)";
  EXPECT_EQ(Fault(gone), "the workbook has no xl/worksheets/other.xml");
  Book strings;
  strings.shared = "<si><t>x</t></si>";
  strings.sheet_data = R"(<row r="1"><c t="s"><v>1</v></c></row>)";
  EXPECT_EQ(Fault(strings),
            "xl/worksheets/sheet1.xml: line 1: shared string 1 is not in xl/sharedStrings.xml");
  Book broken;
  broken.sheet_data = "<row r=\"1\"><c><v>1</c></row>";
  EXPECT_NE(Fault(broken).find("xl/worksheets/sheet1.xml is not readable XML: line 1:"),
            std::string::npos)
      << Fault(broken);
  Book doctype;
  doctype.shared = "<si><t>&x;</t></si>";
  {
    const std::string path = Write(doctype);
    // The shared strings with a DOCTYPE defining an entity: written over the member above.
    ASSERT_TRUE(
        WriteZip(path, {{"xl/workbook.xml", std::string("<workbook xmlns:r=\"") + kRel +
                                                "\"><sheets><sheet r:id=\"rId1\"/>"
                                                "</sheets></workbook>"},
                        {"xl/sharedStrings.xml",
                         "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY x SYSTEM "
                         "\"file:///etc/passwd\">]><sst><si><t>&x;</t></si></sst>"},
                        {"xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>"}}));
    auto d = SpreadsheetAsCsv(path, 1 << 20);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.status().message(),
              "xl/sharedStrings.xml: a document type declaration (<!DOCTYPE>) is not read");
  }
  Book order;
  order.sheet_data = R"(<row r="2"><c r="B2"><v>1</v></c><c r="A2"><v>2</v></c></row>)";
  EXPECT_EQ(Fault(order), "xl/worksheets/sheet1.xml: line 1: cells out of order in row 2");
  Book rows;
  rows.sheet_data = R"(<row r="3"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row>)";
  EXPECT_EQ(Fault(rows), "xl/worksheets/sheet1.xml: line 1: row 2 comes after row 3");
  Book big;
  for (int i = 1; i <= 100; ++i) {
    big.sheet_data += "<row r=\"" + std::to_string(i) + "\"><c><v>123456789</v></c></row>";
  }
  EXPECT_EQ(Fault(big, 512), "the sheet is over 0 MiB as CSV");
  // A member that inflates over 1,000 times: refused before it is read.
  Book bomb;
  bomb.sheet_data =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>" + std::string(8 << 20, 'a') + "</t></is></c></row>";
  const std::string bombed = Fault(bomb);
  EXPECT_NE(bombed.find("not a readable spreadsheet (.xlsx or .ods)"), std::string::npos) << bombed;
  EXPECT_NE(bombed.find("1000"), std::string::npos) << bombed;
}

}  // namespace
}  // namespace pl::ingest
