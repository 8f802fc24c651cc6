import groovy.xml.XmlSlurper

// Surefire counts every probe: 12 catalog probes under each of the two suite classes
def reports = new File(basedir, 'target/surefire-reports')
def suites = ['CatalogProbesTest', 'CatalogFoldersTest'].collect {
    new XmlSlurper().parse(new File(reports, "TEST-com.example.canary.${it}.xml"))
}
suites.each { s ->
    assert s.@tests.text() == '12'
    assert s.@failures.text() == '0' && s.@errors.text() == '0' && s.@skipped.text() == '0'
    assert s.testcase.size() == 12
}
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 24, Failures: 0, Errors: 0, Skipped: 0')
assert log =~ /junit-platform-engine[:\-]6\.0/
return true
