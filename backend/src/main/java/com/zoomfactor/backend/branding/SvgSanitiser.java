package com.zoomfactor.backend.branding;

import com.zoomfactor.backend.http.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An SVG logo made safe to show to anyone: parsed by the JDK's XML parser with DOCTYPEs refused (no entities, no
 * external anything), then rebuilt from an allow-list of drawing elements and attributes. Whatever else it held is
 * dropped: scripts, event handlers ({@code on*}), {@code foreignObject}, images, links, animations, style sheets, and
 * any reference that leaves the document ({@code href} or {@code url(…)} not starting with {@code #}).
 */
final class SvgSanitiser {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    /** Shapes, text, grouping and paint servers: everything a logo draws with, nothing that runs or fetches. */
    private static final Set<String> ELEMENTS = Set.of("svg", "g", "defs", "title", "desc", "path", "rect", "circle",
            "ellipse", "line", "polyline", "polygon", "text", "tspan", "linearGradient", "radialGradient", "stop",
            "clipPath", "mask", "symbol", "use", "pattern");

    private static final Set<String> ATTRIBUTES = Set.of("id", "class", "width", "height", "viewBox",
            "preserveAspectRatio", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
            "transform", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
            "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
            "opacity", "clip-path", "clip-rule", "mask", "font-family", "font-size", "font-weight", "font-style",
            "text-anchor", "dominant-baseline", "letter-spacing", "offset", "stop-color", "stop-opacity",
            "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr", "patternUnits",
            "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits", "dx", "dy",
            "rotate", "textLength", "lengthAdjust", "visibility", "display", "color", "style", "href", "version");

    /** {@code url(...)} anywhere in a value: only same-document fragments ({@code url(#id)}) are kept. */
    private static final Pattern URL = Pattern.compile("url\\s*\\(\\s*['\"]?\\s*([^)'\"\\s]*)", Pattern.CASE_INSENSITIVE);
    /** What has no place in a style attribute of a logo: imports, expressions, escapes that could hide either. */
    private static final Pattern BAD_STYLE = Pattern.compile("@import|expression\\s*\\(|javascript:|\\\\|behavior\\s*:"
            + "|-moz-binding", Pattern.CASE_INSENSITIVE);

    /** The sanitised document and the size it declares (from width/height, else the viewBox; 0 when neither). */
    record Sanitised(byte[] bytes, int width, int height) {
    }

    private SvgSanitiser() {
    }

    /** The logo rebuilt from what is allowed; 422 when it is not a well-formed SVG document. */
    static Sanitised sanitise(byte[] svg) {
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        if (!"svg".equals(root.getLocalName()) || !SVG_NS.equals(root.getNamespaceURI())) {
            throw ApiException.unprocessable("The logo is not an SVG image: its root element must be <svg> in the SVG namespace");
        }
        clean(root);
        int[] size = size(root);
        return new Sanitised(serialise(doc), size[0], size[1]);
    }

    private static Document parse(byte[] svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // no DOCTYPE at all: no entity expansion, no external DTD or entity to fetch
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // fatal errors throw (the 422 says them); nothing is printed to stderr
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new ByteArrayInputStream(svg));
        } catch (SAXException e) {
            throw ApiException.unprocessable("The logo is not a well-formed SVG document (no DOCTYPE or entities allowed): "
                    + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new IllegalStateException("the XML parser could not be set up safely", e);
        }
    }

    /** Removes from the element's subtree whatever is not allowed, in place. */
    private static void clean(Element element) {
        List<Attr> drop = new ArrayList<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attr = (Attr) attributes.item(i);
            if (!allowed(attr)) {
                drop.add(attr);
            }
        }
        drop.forEach(element::removeAttributeNode);
        // a same-document reference is written as xlink:href, which SVG 1.1 readers (Batik, in the reports) require
        // and browsers still read
        if (element.hasAttributeNS(null, "href")) {
            String target = element.getAttributeNS(null, "href");
            element.removeAttributeNS(null, "href");
            element.setAttributeNS(XLINK_NS, "xlink:href", target);
        }

        List<Node> remove = new ArrayList<>();
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            switch (child.getNodeType()) {
                case Node.ELEMENT_NODE -> {
                    if (SVG_NS.equals(child.getNamespaceURI()) && ELEMENTS.contains(child.getLocalName())) {
                        clean((Element) child);
                        if (isDanglingUse((Element) child)) {
                            remove.add(child); // its outside reference was dropped: it draws nothing
                        }
                    } else {
                        remove.add(child); // with its whole subtree: a <script>'s text, a foreignObject's HTML
                    }
                }
                case Node.TEXT_NODE -> {
                    // text is drawn only inside <text>, <tspan>, <title> and <desc>; elsewhere it is layout whitespace
                }
                default -> remove.add(child); // comments, processing instructions, CDATA (a script's hiding place)
            }
        }
        remove.forEach(element::removeChild);
    }

    private static boolean isDanglingUse(Element element) {
        return "use".equals(element.getLocalName()) && !element.hasAttributeNS(XLINK_NS, "href");
    }

    private static boolean allowed(Attr attr) {
        String ns = attr.getNamespaceURI();
        String name = attr.getLocalName() == null ? attr.getName() : attr.getLocalName();
        String value = attr.getValue();
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ns)) {
            // namespace declarations: only the SVG and XLink ones (the serialiser writes what is used)
            return SVG_NS.equals(value) || XLINK_NS.equals(value);
        }
        if ("href".equals(name) && (ns == null || XLINK_NS.equals(ns))) {
            return value.trim().startsWith("#");
        }
        if (ns != null || !ATTRIBUTES.contains(name) || name.toLowerCase(Locale.ROOT).startsWith("on")) {
            return false;
        }
        if ("style".equals(name) && BAD_STYLE.matcher(value).find()) {
            return false;
        }
        return onlyLocalUrls(value);
    }

    private static boolean onlyLocalUrls(String value) {
        Matcher m = URL.matcher(value);
        while (m.find()) {
            if (!m.group(1).startsWith("#")) {
                return false;
            }
        }
        return true;
    }

    /** The declared size in whole pixels, from width/height when they are plain numbers, else the viewBox. */
    private static int[] size(Element root) {
        Integer width = pixels(root.getAttribute("width"));
        Integer height = pixels(root.getAttribute("height"));
        if (width != null && height != null) {
            return new int[] {width, height};
        }
        String[] box = root.getAttribute("viewBox").trim().split("[\\s,]+");
        if (box.length == 4) {
            Integer w = pixels(box[2]);
            Integer h = pixels(box[3]);
            if (w != null && h != null) {
                return new int[] {w, h};
            }
        }
        return new int[] {0, 0};
    }

    private static Integer pixels(String value) {
        String number = value.trim().replaceFirst("(?i)px$", "");
        try {
            double parsed = Double.parseDouble(number);
            return Double.isFinite(parsed) && parsed > 0 && parsed < 100_000 ? (int) Math.round(parsed) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] serialise(Document doc) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("a parsed SVG could not be written back", e);
        }
    }
}
