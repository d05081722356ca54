package awsapi

import (
	"encoding/xml"
	"net/http"

	"github.com/ec2sim/ec2sim/model"
)

// The protocol layer's error codes, by their short names here. Like every
// code the simulator answers, each is defined, with its HTTP status and its
// explanation, in the one table of model/errors.go ("Error codes for the
// Amazon EC2 API",
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
const (
	DryRunOperation             = model.DryRunOperation
	MissingAction               = model.MissingAction
	InvalidAction               = model.InvalidAction
	NotImplemented              = model.NotImplemented
	UnknownParameter            = model.UnknownParameter
	MalformedQueryString        = model.MalformedQueryString
	IdempotentParameterMismatch = model.IdempotentParameterMismatch
	InternalError               = model.InternalError
	RequestEntityTooLarge       = model.RequestEntityTooLarge
)

// errorResponse is EC2's error envelope; note RequestID, capitalised unlike
// a success body's requestId.
type errorResponse struct {
	XMLName   xml.Name   `xml:"Response"`
	Errors    []xmlError `xml:"Errors>Error"`
	RequestID string     `xml:"RequestID"`
}

type xmlError struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

func writeError(w http.ResponseWriter, e *model.Error, requestID string) {
	writeXML(w, e.Code.HTTPStatus(), errorResponse{
		Errors:    []xmlError{{Code: string(e.Code), Message: e.Message}},
		RequestID: requestID,
	})
}

func writeXML(w http.ResponseWriter, status int, v any) {
	body, err := xml.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body, _ = xml.Marshal(errorResponse{Errors: []xmlError{{Code: string(InternalError), Message: err.Error()}}})
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(status)
	w.Write([]byte(xml.Header))
	w.Write(body)
}
