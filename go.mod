module github.com/ec2sim/ec2sim

go 1.26.8

require gopkg.in/yaml.v3 v3.0.1 // indirect
