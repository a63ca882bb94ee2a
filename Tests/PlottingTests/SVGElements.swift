import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The element names of an SVG document in order, or nil when it is not well-formed XML.
final class SVGElements: NSObject, XMLParserDelegate {
    private(set) var names: [String] = []
    private(set) var rootNamespace: String?

    static func parse(_ document: String) -> SVGElements? {
        let collector = SVGElements()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if names.isEmpty { rootNamespace = attributes["xmlns"] }
        names.append(elementName)
    }

    func count(_ name: String) -> Int { names.filter { $0 == name }.count }
}
